package jp.lgwan.routerconfig.device;

import java.util.Objects;

/**
 * The password of a CLI's administrator level (Yamaha RTX 管理パスワード): a login lands below it and
 * the dialect's elevation command asks for it before anything can be configured. Resolved from the
 * credential store by the router's {@code credentials.admin_ref} at push time and never kept; it
 * prints as a mark only, so it cannot leak through a log line, an exception message or a report.
 */
public record AdministratorPassword(String value) {

    public AdministratorPassword {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "AdministratorPassword[hidden]";
    }
}
