package jp.lgwan.routerconfig.inventory.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every rule a finding can name, with what it checks: the file and YAML rules of the reader, the
 * single-field rules (Bean Validation constraints, see {@link FieldRules}) and the cross-object
 * rules ({@link InventoryRules}). {@code validate --list-rules} prints it; the tests hold every
 * finding to it and the inventory README to listing it.
 */
public final class RuleCatalog {

    public static final Map<String, String> FILE_RULES = ordered(
            Map.entry("file-missing", "a required reference file exists"),
            Map.entry("file-unreadable", "the file can be read"),
            Map.entry("file-too-large", "a file is at most 1 MiB"),
            Map.entry("file-encoding", "a file is valid UTF-8"),
            Map.entry("yaml-syntax", "the file is well-formed YAML holding one document"),
            Map.entry("yaml-tab", "indentation uses spaces, never tabs"),
            Map.entry("yaml-empty", "the file holds a mapping"),
            Map.entry("yaml-key", "a key is a plain name"),
            Map.entry("yaml-duplicate-key", "no key appears twice in one mapping"),
            Map.entry("yaml-tag", "no YAML tag (no type or code may be named by the file)"),
            Map.entry("yaml-alias", "aliases refer to earlier anchors, at most 64, expanding to at most 200,000 nodes"),
            Map.entry("yaml-too-deep", "nesting at most 24 levels"),
            Map.entry("yaml-unknown-field", "every key is a field of its record (a typo is an error)"),
            Map.entry("yaml-type", "every value has its field's type"));

    public static final Map<String, String> FIELD_RULES = ordered(
            Map.entry("required", "a required field is present and not blank"),
            Map.entry("format", "a field has its format (codes, ids, fingerprints, e-mail, telephone)"),
            Map.entry("length", "a field is within its length"),
            Map.entry("range", "a number is within its range"),
            Map.entry("local-government-code-check-digit", "a 6-digit local-government code ends in its check digit"),
            Map.entry("dns-name", "domains and hostnames are lower-case DNS names"),
            Map.entry("secret-reference", "credentials and the global address are secret names, never values"),
            Map.entry("cli-safe", "a string that reaches a device is one line of safe ASCII within its length (CLI-injection guard)"),
            Map.entry("plain-text", "a string for people is one line without control characters"));

    public static final Map<String, String> CROSS_OBJECT_RULES = ordered(
            Map.entry("local-government-code-kind", "a local government's code fits its kind and prefecture; others carry ASP-/APR- ids"),
            Map.entry("unique-code", "no two organizations share a code"),
            Map.entry("unique-hostname", "no two routers share a hostname"),
            Map.entry("unique-address", "management and WAN addresses are unique in the fleet; no router uses an address twice"),
            Map.entry("unique-access-line", "no two access lines share an id"),
            Map.entry("unique-reference", "no two access points, prefecture nodes or vendor profiles share an id"),
            Map.entry("router-hostname-domain", "a router's hostname is lgrt.<domain minus lg.jp>.lgwan.jp or lgsu.…"),
            Map.entry("router-one-wan", "a router has exactly one WAN interface"),
            Map.entry("wan-one-access-line", "a router's WAN interface is bound to exactly one access line"),
            Map.entry("access-line-interface", "an access line lands on an existing WAN interface of a router of its organization"),
            Map.entry("access-line-reaches", "an access line reaches an access point (prefecture WAN, same prefecture) or a prefecture node (carrier line)"),
            Map.entry("wan-gateway", "the next hop of an access line is known: the other end of a /30 or /31 WAN, or a named gateway in the WAN network"),
            Map.entry("interface-mode-matches-device", "the router interface runs the termination device's mode (both auto, or the same speed and duplex)"),
            Map.entry("half-duplex", "half duplex is allowed but warned about"),
            Map.entry("bandwidth-within-speed", "the contracted bandwidth fits the interface's speed"),
            Map.entry("vendor-profile-known", "a router names a vendor profile and model that exist"),
            Map.entry("vendor-mode-supported", "the router model supports each interface's mode"),
            Map.entry("snmp-auth-supported", "a router's own SNMPv3 auth protocol is one its vendor profile supports (SNMPv3 only)"),
            Map.entry("os-end-of-support", "the router's OS release is not past its end of support (as of --as-of; the service: as of the effective date and the window)"),
            Map.entry("os-version-unknown", "the router's OS version belongs to a known release (warning; an error for pushes)"),
            Map.entry("os-end-of-support-unknown", "the router's OS release has a known end of support (warning; an error for pushes)"),
            Map.entry("model-end-of-support", "the router's hardware model is not past its end of support (as of --as-of; the service: as of the effective date and the window)"),
            Map.entry("model-end-of-support-unknown", "the router's hardware model has a known end of support (warning; an error for pushes)"),
            Map.entry("end-of-support-declared", "every OS release and hardware model of a vendor profile has end_of_support: a date, or unknown"),
            Map.entry("domain-required", "a local government has its LG.JP domain"),
            Map.entry("contact-email-domain", "contacts' e-mail addresses are at the organization's domain (or a subdomain), or a domain in contacts.other_email_domains"),
            Map.entry("carrier-line-own-prefecture", "a carrier line reaches a prefecture node of its organization's prefecture, or one whose also_serves lists it"),
            Map.entry("redundancy-pair", "a redundancy peer is another router of the same organization naming this one back"),
            Map.entry("secret-reference-kind", "global_address_ref names a secret under global-address/, ssh_ref and admin_ref one under ssh/, snmp_ref one under snmp/"));

    /** All of them, in the order above. */
    public static final Map<String, String> ALL;

    static {
        Map<String, String> all = new LinkedHashMap<>(FILE_RULES);
        all.putAll(FIELD_RULES);
        all.putAll(CROSS_OBJECT_RULES);
        ALL = Collections.unmodifiableMap(all);
    }

    private RuleCatalog() {
    }

    @SafeVarargs
    private static Map<String, String> ordered(Map.Entry<String, String>... entries) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : entries) {
            map.put(entry.getKey(), entry.getValue());
        }
        return Collections.unmodifiableMap(map);
    }
}
