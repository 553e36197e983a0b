/// `GET /login`: the console token (or the viewer token), and why the last attempt failed.
enum LoginPage {
    static func render(csrf: String, error: String? = nil) -> HTML {
        let problem: HTML = error.map { "<p id=\"login-error\" role=\"alert\">\($0)</p>" } ?? ""
        return Layout.page(
            "Log in", session: nil,
            body: """
                <div class="login-box"><section>
                <h1>Log in to the console</h1>
                \(problem)
                <form id="login" method="post" action="/login">
                <input type="hidden" name="csrf" value="\(csrf)">
                <div class="field"><label for="token">Console token</label>
                <input type="password" id="token" name="token" autocomplete="current-password" required autofocus></div>
                <button type="submit" id="login-submit" class="primary">Log in</button>
                </form>
                <p class="muted">The token is HOOKCTL_CONSOLE_TOKEN (or the file .hookctl/console-token) for full access,
                or HOOKCTL_CONSOLE_VIEWER_TOKEN to look without acting.</p>
                </section></div>
                """)
    }
}
