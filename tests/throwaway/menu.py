from onsite.navigation import NavItem, add

add(NavItem("Throw-away", "throwaway:page", "box", rule="throwaway.see", order=999))
