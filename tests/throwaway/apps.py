from onsite import plugins


class ThrowawayConfig(plugins.PortalApp):
    name = "tests.throwaway"
    label = "throwaway"
    verbose_name = "Throw-away"
    url_prefix = "throwaway/"
