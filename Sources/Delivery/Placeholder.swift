/// Delivers webhooks: one send path for tests, deliveries and redeliveries.
enum DeliveryPlaceholder {}
