package jp.lgwan.routerconfig.render;

import java.util.regex.Pattern;

/**
 * A secret in a rendered config is never its value: the config holds {@code {{secret:NAME:FIELD}}}
 * (e.g. the SNMPv3 auth key of {@code snmp/verification-poller}), resolved from the credential
 * store only at push time. No inventory string can forge one: braces fail the CLI-safe rule.
 */
public final class SecretPlaceholder {

    public static final Pattern PATTERN = Pattern.compile("\\{\\{secret:([a-z0-9._/-]+):([a-z0-9-]+)}}");

    private SecretPlaceholder() {
    }

    public static String of(String reference, String field) {
        return "{{secret:" + reference + ":" + field + "}}";
    }

    /** The text with every secret reference replaced by {@code {{secret}}}, for people and CI logs that may not see names. */
    public static String mask(String text) {
        return PATTERN.matcher(text).replaceAll("{{secret}}");
    }
}
