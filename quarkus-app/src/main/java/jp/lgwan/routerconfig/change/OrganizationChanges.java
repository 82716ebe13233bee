package jp.lgwan.routerconfig.change;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jp.lgwan.routerconfig.change.NotificationItem.Change;
import jp.lgwan.routerconfig.inventory.AccessLine;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Contact;
import jp.lgwan.routerconfig.inventory.InterfaceRole;
import jp.lgwan.routerconfig.inventory.Organization;
import jp.lgwan.routerconfig.inventory.RouterInterface;
import jp.lgwan.routerconfig.inventory.load.RecordBinder;

/**
 * What one organization's inventory changes between two revisions, field by field, each field
 * sorted into the {@link Change} a notification item stands for. Secrets never enter the inventory
 * (only their references), so the values shown are the file's own.
 */
public final class OrganizationChanges {

    /**
     * One changed field.
     *
     * @param path       the field's YAML path in the organization's file, e.g. {@code access_lines[matsuno-prefwan-1].bandwidth_mbps}
     * @param accessLine the access line it belongs to, or null
     */
    public record FieldChange(Change change, String path, String accessLine, String before, String after) {
        public String describe() {
            return path + ": " + (before == null ? "(none)" : before) + " -> " + (after == null ? "(none)" : after);
        }
    }

    private final List<FieldChange> changes = new ArrayList<>();

    private OrganizationChanges() {
    }

    /** The changes from {@code before} (null: the organization is new) to {@code after}. */
    public static List<FieldChange> between(Organization before, Organization after) {
        OrganizationChanges result = new OrganizationChanges();
        if (before == null) {
            result.add(Change.ORGANIZATION, "(organization)", null, null, after.code());
            return result.changes;
        }
        result.organization(before, after);
        result.lines(before, after);
        result.routers(before, after);
        return result.changes;
    }

    private void organization(Organization before, Organization after) {
        compare(Change.ORGANIZATION, "name", null, before.name(), after.name());
        compare(Change.ORGANIZATION, "name_en", null, before.nameEn(), after.nameEn());
        compare(Change.ORGANIZATION, "domain", null, before.domain(), after.domain());
        compare(Change.ORGANIZATION, "kind", null, before.kind(), after.kind());
        compare(Change.ORGANIZATION, "prefecture", null, before.prefecture(), after.prefecture());
        if (before.contacts() != null && after.contacts() != null) {
            compare(Change.RESPONSIBLE_PERSON, "contacts.responsible", null, before.contacts().responsible(), after.contacts().responsible());
            compare(Change.OPERATORS, "contacts.primary_operator", null, before.contacts().primaryOperator(), after.contacts().primaryOperator());
            compare(Change.OPERATORS, "contacts.secondary_operator", null, before.contacts().secondaryOperator(), after.contacts().secondaryOperator());
            compare(Change.ORGANIZATION, "contacts.other_email_domains", null, before.contacts().otherEmailDomains(), after.contacts().otherEmailDomains());
        }
    }

    private void lines(Organization before, Organization after) {
        Map<String, AccessLine> old = byId(before.accessLines());
        Map<String, AccessLine> now = byId(after.accessLines());
        for (AccessLine line : old.values()) {
            if (!now.containsKey(line.id())) {
                add(Change.LINE_KIND, "access_lines[" + line.id() + "]", line.id(), line.kind() + " " + line.carrier() + " " + line.product(), null);
            }
        }
        for (AccessLine line : now.values()) {
            AccessLine was = old.get(line.id());
            String at = "access_lines[" + line.id() + "]";
            if (was == null) {
                add(Change.LINE_KIND, at, line.id(), null, line.kind() + " " + line.carrier() + " " + line.product());
                continue;
            }
            compare(Change.LINE_KIND, at + ".kind", line.id(), was.kind(), line.kind());
            compare(Change.LINE_PRODUCT, at + ".carrier", line.id(), was.carrier(), line.carrier());
            compare(Change.LINE_PRODUCT, at + ".product", line.id(), was.product(), line.product());
            compare(Change.LINE_REACHES, at + ".reaches", line.id(), was.reaches(), line.reaches());
            compare(Change.LINE_SPEED, at + ".bandwidth_mbps", line.id(), was.bandwidthMbps(), line.bandwidthMbps());
            if (was.terminationDevice() != null && line.terminationDevice() != null) {
                compare(Change.TERMINATION_DEVICE, at + ".termination_device.kind", line.id(), was.terminationDevice().kind(), line.terminationDevice().kind());
                compare(Change.TERMINATION_DEVICE, at + ".termination_device.model", line.id(), was.terminationDevice().model(), line.terminationDevice().model());
                compare(Change.TERMINATION_DEVICE, at + ".termination_device.mode", line.id(), was.terminationDevice().mode(), line.terminationDevice().mode());
            }
            compare(Change.ROUTER, at + ".router", line.id(), was.router(), line.router());
            compare(Change.ROUTER, at + ".router_interface", line.id(), was.routerInterface(), line.routerInterface());
            compare(Change.ROUTER, at + ".gateway", line.id(), was.gateway(), line.gateway());
        }
    }

    private void routers(Organization before, Organization after) {
        Map<String, ConnectionRouter> old = new LinkedHashMap<>();
        before.routers().forEach(r -> old.put(r.hostname(), r));
        Map<String, ConnectionRouter> now = new LinkedHashMap<>();
        after.routers().forEach(r -> now.put(r.hostname(), r));
        for (String hostname : old.keySet()) {
            if (!now.containsKey(hostname)) {
                add(Change.ROUTER, "routers[" + hostname + "]", null, hostname, null);
            }
        }
        for (ConnectionRouter router : now.values()) {
            ConnectionRouter was = old.get(router.hostname());
            String at = "routers[" + router.hostname() + "]";
            if (was == null) {
                add(Change.ROUTER, at, null, null, router.hostname());
                continue;
            }
            for (RecordComponent component : ConnectionRouter.class.getRecordComponents()) {
                if (!component.getName().equals("interfaces")) {
                    compare(Change.ROUTER, at + "." + RecordBinder.yamlKey(component.getName()), null, value(component, was), value(component, router));
                }
            }
            interfaces(at, after, router, was);
        }
    }

    private void interfaces(String at, Organization after, ConnectionRouter router, ConnectionRouter was) {
        Map<String, RouterInterface> old = new LinkedHashMap<>();
        was.interfaces().forEach(i -> old.put(i.name(), i));
        for (RouterInterface itf : router.interfaces()) {
            RouterInterface before = old.remove(itf.name());
            String path = at + ".interfaces[" + itf.name() + "]";
            if (before == null) {
                add(Change.ROUTER, path, null, null, itf.name());
                continue;
            }
            boolean wan = itf.role() == InterfaceRole.WAN && before.role() == InterfaceRole.WAN;
            String line = wan ? after.accessLines().stream().filter(l -> router.hostname().equals(l.router()) && itf.name().equals(l.routerInterface()))
                    .map(AccessLine::id).findFirst().orElse(null) : null;
            compare(wan ? Change.WAN_MODE : Change.ROUTER, path + ".mode", line, before.mode(), itf.mode());
            compare(Change.ROUTER, path + ".role", null, before.role(), itf.role());
            compare(Change.ROUTER, path + ".address", null, before.address(), itf.address());
            compare(Change.ROUTER, path + ".description", null, before.description(), itf.description());
        }
        old.keySet().forEach(name -> add(Change.ROUTER, at + ".interfaces[" + name + "]", null, name, null));
    }

    private static Object value(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, AccessLine> byId(List<AccessLine> lines) {
        Map<String, AccessLine> byId = new LinkedHashMap<>();
        lines.forEach(l -> byId.putIfAbsent(l.id(), l));
        return byId;
    }

    private void compare(Change change, String path, String accessLine, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            add(change, path, accessLine, shown(before), shown(after));
        }
    }

    private static String shown(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Contact contact) {
            return contact.name() + " <" + contact.email() + ">";
        }
        return value instanceof Enum<?> constant ? RecordBinder.enumValue(constant) : value.toString();
    }

    private void add(Change change, String path, String accessLine, String before, String after) {
        changes.add(new FieldChange(change, path, accessLine, before, after));
    }
}
