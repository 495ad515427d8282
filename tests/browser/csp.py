"""Watch a browser context for Content-Security-Policy violations.

``watch(context)`` returns a list that fills with one line per violation the pages of the
context report: the ``securitypolicyviolation`` events (an init script listens for them; it
is added through the DevTools protocol, so the policy does not apply to it) and Chromium's
console messages about the policy (they also name what an event may miss while a page is
left). Tests assert the list stays empty.
"""

LISTENER = """
document.addEventListener("securitypolicyviolation", function (event) {
  window.onsiteCspViolation([
    event.effectiveDirective, event.blockedURI || "inline",
    (event.sourceFile || document.location.href) + ":" + event.lineNumber, event.sample
  ].join(" "));
}, true);
"""


def _is_about_the_policy(message):
    return message.type in ("error", "warning") and "Content Security Policy" in message.text


def watch(context):
    """The violations of every page of ``context``, as they happen."""
    violations = []
    context.expose_binding("onsiteCspViolation", lambda _source, text: violations.append(text))
    context.add_init_script(LISTENER)
    context.on(
        "console",
        lambda message: (
            violations.append(f"console: {message.text}") if _is_about_the_policy(message) else None
        ),
    )
    return violations
