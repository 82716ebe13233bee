package jp.lgwan.routerconfig.connection;

import java.time.ZoneOffset;
import jp.lgwan.routerconfig.inventory.Contact;

/**
 * An accepted application's organization file (inventory/organizations/CODE-SLUG.yaml), as far as the
 * application says: code, kind, names, domain, prefecture and contacts. Its routers and access lines
 * are the engineers' to add (the operating body runs the router). As drafted it passes {@code validate}
 * (an organization with no router yet: measured on a copy of the sample with the draft of 018015
 * added, "0 errors, 0 warnings"), so what the engineers add is checked on its own.
 */
final class InventoryDraft {

    private InventoryDraft() {
    }

    /** The file's path in the inventory folder: organizations/CODE-SLUG.yaml. */
    static String fileName(ConnectionApplication a) {
        return "organizations/" + a.organizationCode + "-" + slug(a.domain) + ".yaml";
    }

    /** The branch its draft commit goes to: one per application. */
    static String branch(ConnectionApplication a) {
        return "drafts/connection-application-" + a.id;
    }

    static String of(ConnectionApplication a) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# inventory/").append(fileName(a)).append('\n');
        yaml.append("# Drafted from connection application ").append(a.id).append(", accepted by ").append(a.decidedBy).append(" on ")
                .append(a.decidedAt.atOffset(ZoneOffset.ofHours(9)).toLocalDate()).append("; desired start ").append(a.desiredStartDate)
                .append(".\n# To do: add the router(s) and access line(s), then run `validate` (inventory/README.md).\n");
        yaml.append("code: ").append(quoted(a.organizationCode)).append('\n');
        yaml.append("kind: ").append(ConnectionApplicationService.kind(a.kind)).append('\n');
        yaml.append("name: ").append(quoted(a.name)).append('\n');
        yaml.append("name_en: ").append(quoted(a.nameEn)).append('\n');
        yaml.append("domain: ").append(a.domain).append('\n');
        yaml.append("prefecture: ").append(a.prefecture.name().toLowerCase()).append('\n');
        yaml.append("contacts:\n");
        contact(yaml, "responsible", a.contacts.responsible());
        contact(yaml, "primary_operator", a.contacts.primaryOperator());
        contact(yaml, "secondary_operator", a.contacts.secondaryOperator());
        yaml.append("routers: []        # to do: the connection router (LGWAN接続ルータ)\n");
        yaml.append("access_lines: []   # to do: the access line (LGWANアクセス回線)\n");
        return yaml.toString();
    }

    private static void contact(StringBuilder yaml, String key, Contact contact) {
        if (contact == null) {
            return;
        }
        yaml.append("  ").append(key).append(":\n");
        yaml.append("    name: ").append(quoted(contact.name())).append('\n');
        if (contact.department() != null) {
            yaml.append("    department: ").append(quoted(contact.department())).append('\n');
        }
        yaml.append("    email: ").append(quoted(contact.email())).append('\n');
        if (contact.phone() != null) {
            yaml.append("    phone: ").append(quoted(contact.phone())).append('\n');
        }
    }

    /** The file name's short name: the domain's first label ({@code sougoujimu.ehime.lg.jp} → {@code sougoujimu}). */
    private static String slug(String domain) {
        return domain.substring(0, domain.indexOf('.') < 0 ? domain.length() : domain.indexOf('.'));
    }

    /** A YAML double-quoted scalar: the text is one line of plain text (@PlainText), so only quotes and backslashes need escaping. */
    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
