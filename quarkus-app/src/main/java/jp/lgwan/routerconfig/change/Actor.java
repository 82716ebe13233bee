package jp.lgwan.routerconfig.change;

import java.util.Set;

/** Who asks: the authenticated user's name, roles and {@link Scope}, as the rules need them. */
public record Actor(String name, Set<String> roles, Scope scope) {

    public static final String ENGINEER = "engineer";
    public static final String OPERATOR = "operator";
    public static final String CI = "ci";
    public static final String VIEWER = "viewer";
    /** A connected organization's LGWAN responsible person or operator (LGWAN責任者, 運用担当者): files and reads its own affairs. */
    public static final String ORGANIZATION = "organization";
    /** A prefecture's collecting window (取りまとめ窓口): reads its organizations' affairs. */
    public static final String PREFECTURE = "prefecture";

    /** One of the operating body's users (engineer, operator, ci, viewer), who sees every organization. */
    public Actor(String name, Set<String> roles) {
        this(name, roles, Scope.OPERATING_BODY);
    }

    public boolean is(String role) {
        return roles.contains(role);
    }
}
