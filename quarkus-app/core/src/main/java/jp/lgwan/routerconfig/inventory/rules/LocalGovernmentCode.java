package jp.lgwan.routerconfig.inventory.rules;

/**
 * The local-government code (地方公共団体コード, JIS X 0401/0402): 2 digits of prefecture, 3 of
 * municipality, 1 check digit = (11 - (d1*6 + d2*5 + d3*4 + d4*3 + d5*2) mod 11) mod 10.
 */
public final class LocalGovernmentCode {

    private LocalGovernmentCode() {
    }

    public static boolean isSixDigits(String code) {
        if (code.length() != 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (code.charAt(i) < '0' || code.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The check digit of a 5-digit code body. */
    public static int checkDigit(String firstFive) {
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += (firstFive.charAt(i) - '0') * (6 - i);
        }
        return (11 - sum % 11) % 10;
    }

    /** The full 6-digit code of a prefecture code and a municipality number. */
    public static String of(int prefecture, int municipality) {
        String body = String.format("%02d%03d", prefecture, municipality);
        return body + checkDigit(body);
    }

    public static int prefectureDigits(String code) {
        return Integer.parseInt(code.substring(0, 2));
    }

    public static int municipalityDigits(String code) {
        return Integer.parseInt(code.substring(2, 5));
    }
}
