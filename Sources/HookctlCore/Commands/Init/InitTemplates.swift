import Declarations

/// What `hookctl init` writes into a repository, by path relative to it.
enum InitTemplates {
    /// Where hookctl's GitHub Action is used from, until told otherwise (`hookctl init --action`).
    static let defaultAction = "OWNER/hookctl@v0"

    static let examplePath = "webhooks.d/example.yaml"
    static let workflowPath = ".github/workflows/webhooks.yml"
    static let gitignorePath = ".gitignore"

    /// Every file, in the order written.
    static func files(action: String) -> [(path: String, text: String)] {
        [
            (examplePath, example),
            (DeclarationSchema.committedPath, DeclarationSchema.text),
            (workflowPath, workflow(action: action)),
            (gitignorePath, gitignore),
        ]
    }

    static let example = """
        \(DeclarationSchema.modeline)
        # An example webhook, written by hookctl init. Edit it, or copy it to declare more: each YAML document under
        # webhooks.d/ declares one webhook. Your editor completes and checks the keys with the schema named above;
        # `hookctl lint` checks everything, the body template included.
        name: example-access-requests        # 1–64 letters, digits, -, _ and .; unique across webhooks.d
        active: false                        # set to true once url points at your receiver
        method: POST                         # POST, PUT or DELETE
        url: https://hooks.example.com/access-requests
        triggers: [Created, Approved, Granted]  # of Created, Approved, Rejected, Granted, Expired, Failed
        headers:
          Accept: application/json
        # auth:                              # how the receiver knows it is you: basic, bearer, api_key or oauth2
        #   type: bearer
        #   token: ${env:EXAMPLE_TOKEN}      # a reference: plan and apply resolve it; it is never written down
        # signing:                           # sign each request the Standard Webhooks way
        #   secret: ${env:EXAMPLE_SIGNING_SECRET}
        timeout: 10s
        body: |                              # a Handlebars template over the event (hookctl sample --trigger Created)
          {
            "event": "{{event_type}}",
            "request": "{{data.friendly_id}}",
            "requester": "{{data.requester.email}}",
            "flow": "{{data.access_flow.name}}",
            "justification": "{{data.justification}}"
          }

        """

    static let gitignore = """
        # hookctl's local state: the embedded store, its key, the ingest token.
        .hookctl/

        """

    static func workflow(action: String) -> String {
        """
        # GitOps for webhooks.d, written by `hookctl init`: lint and plan every pull request — annotations, SARIF for
        # code scanning, the plan as one pull-request comment updated on every push — and on a merge to main apply
        # exactly the plan that was reviewed (nothing, if main moved or the store changed since).
        #
        # Repository secrets:
        #   HOOKCTL_STORE      the shared store the runner reads, e.g. sqlite:/srv/hookctl/state.db on a self-hosted runner
        #   HOOKCTL_STORE_KEY  the store's encryption key (openssl rand -base64 32)
        #   and every ${env:NAME} your declarations reference, added under env: below.
        name: webhooks
        on:
          pull_request:
            paths: ["webhooks.d/**", ".github/workflows/webhooks.yml"]
          push:
            branches: [main]
            paths: ["webhooks.d/**", ".github/workflows/webhooks.yml"]

        env:
          HOOKCTL_STORE: ${{ secrets.HOOKCTL_STORE }}
          HOOKCTL_STORE_KEY: ${{ secrets.HOOKCTL_STORE_KEY }}

        jobs:
          plan:
            if: github.event_name == 'pull_request'
            runs-on: ubuntu-24.04
            container: swift:6.2
            permissions:
              contents: read
              security-events: write   # lint's SARIF
              pull-requests: write     # the plan comment
            steps:
              - uses: actions/checkout@v4
              - uses: \(action)
                with:
                  command: lint
              - uses: \(action)
                with:
                  command: plan

          apply:
            if: github.event_name == 'push'
            runs-on: ubuntu-24.04
            container: swift:6.2
            environment: production     # add required reviewers here to gate applies
            concurrency:
              group: hookctl-apply      # never two applies at once (hookctl's lease lock guards the store as well)
              cancel-in-progress: false
            permissions:
              contents: read
              actions: read             # the reviewed plan's artifact
              pull-requests: read
            steps:
              - uses: actions/checkout@v4
              - uses: \(action)
                with:
                  command: apply

        """
    }
}
