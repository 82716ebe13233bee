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

    /** Looks up one field of one secret; throws when it cannot. */
    @FunctionalInterface
    public interface Lookup {
        String value(String reference, String field) throws Exception;
    }

    /**
     * A rendered config with its secrets filled in, for the device only, and which placeholder each
     * value came from, so that anything read back from the device (a backup, a diff, an error) can
     * be turned back into placeholders before it is stored.
     */
    public record Resolved(String text, java.util.Map<String, String> placeholders) {

        @Override
        public String toString() {
            return "Resolved[" + placeholders.size() + " secrets]";
        }

        /** {@code text} with every secret value of this config back as its {@code {{secret:NAME:FIELD}}}. */
        public String unresolve(String text) {
            String result = text;
            for (String value : placeholders.keySet().stream().sorted(java.util.Comparator.comparingInt(String::length).reversed()).toList()) {
                result = result.replace(value, placeholders.get(value));
            }
            return result;
        }

        /** {@code text} with no secret value and no secret name left: for people and logs. */
        public String mask(String text) {
            return SecretPlaceholder.mask(unresolve(text));
        }
    }

    public static Resolved resolve(String text, Lookup lookup) throws Exception {
        java.util.regex.Matcher matcher = PATTERN.matcher(text);
        StringBuilder resolved = new StringBuilder();
        java.util.Map<String, String> placeholders = new java.util.HashMap<>();
        while (matcher.find()) {
            String value = lookup.value(matcher.group(1), matcher.group(2));
            if (!value.isEmpty()) {
                placeholders.put(value, matcher.group());
            }
            matcher.appendReplacement(resolved, java.util.regex.Matcher.quoteReplacement(value));
        }
        matcher.appendTail(resolved);
        return new Resolved(resolved.toString(), java.util.Map.copyOf(placeholders));
    }
}
