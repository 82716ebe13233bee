package jp.lgwan.routerconfig.inventory;

import java.time.LocalDate;

/**
 * The last day a vendor supports an OS release or a hardware model (サポート期限), or {@code unknown}
 * where the vendor has published none we could find. The source forbids equipment past it: 「サポート期間が
 * 終了しているOS等は、総合行政ネットワーク接続仕様書のセキュリティ要件に抵触しますので使用しないでください」.
 * Written {@code 2029-03-31} or {@code unknown} in YAML; an unknown end is a warning for {@code validate}
 * and an error for a push, which must not reach equipment whose support cannot be shown.
 *
 * @param date the last supported day; null when unknown
 */
public record EndOfSupport(LocalDate date) {

    public static final EndOfSupport UNKNOWN = new EndOfSupport(null);
    public static final String FORMAT = "a date such as 2029-03-31, or unknown";

    public static EndOfSupport parse(String text) {
        return "unknown".equals(text) ? UNKNOWN : new EndOfSupport(LocalDate.parse(text));
    }

    public static EndOfSupport on(LocalDate date) {
        return new EndOfSupport(date);
    }

    public boolean known() {
        return date != null;
    }

    /** Whether support had ended on {@code day}: the end is known and lies before it (the last day itself is still supported). */
    public boolean endedBefore(LocalDate day) {
        return date != null && date.isBefore(day);
    }

    @Override
    public String toString() {
        return date == null ? "unknown" : date.toString();
    }
}
