"""Staff duties (regulation §1, §2.1–2.3): post duties, work reports, assigned tasks, client
requests within written authorisations, daily checklists and restored environments,
company documents signed for and answered, property in custody, VP requests, training and
the sites' agreements, manuals and technical documents."""
