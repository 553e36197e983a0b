/// A Handlebars template engine faithful to handlebars.js 4.7, with a JSON-safe escape mode.
public enum Handlebars {}
