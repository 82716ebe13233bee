package jp.lgwan.routerconfig.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jp.lgwan.routerconfig.inventory.rules.LocalGovernmentCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalGovernmentCodeTest {

    @ParameterizedTest
    @CsvSource({"01100,2", "13000,1", "38000,8", "13101,6", "27100,4", "47000,7"})
    void checkDigitFollowsTheJisFormula(String body, int digit) {
        assertEquals(digit, LocalGovernmentCode.checkDigit(body));
    }

    @Test
    void buildsFullCodes() {
        assertEquals("011002", LocalGovernmentCode.of(1, 100));
        assertEquals("130001", LocalGovernmentCode.of(13, 0));
    }
}
