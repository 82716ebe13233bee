package jp.lgwan.routerconfig.change;

import java.util.Set;

/** Who asks: the authenticated user's name and roles, as the rules need them. */
public record Actor(String name, Set<String> roles) {

    public static final String ENGINEER = "engineer";
    public static final String OPERATOR = "operator";
    public static final String CI = "ci";
    public static final String VIEWER = "viewer";

    public boolean is(String role) {
        return roles.contains(role);
    }
}
