package jp.lgwan.routerconfig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The entry point's check of the Java it runs on (the packaged jar on a real Java 17: PackagedJarIT). */
class MainTest {

    @Test
    void anOlderJavaGetsOneLineNamingWhatToDo() {
        assertEquals("lgwan-config: needs Java 25 or later, and this is Java 17 (/usr/lib/jvm/java-17-openjdk-amd64): set JAVA_HOME to a"
                + " Java 25 (README \"Set up\")", Main.javaTooOld(17, "/usr/lib/jvm/java-17-openjdk-amd64"));
    }

    @Test
    void java25AndLaterRunOn() {
        assertNull(Main.javaTooOld(25, "/usr/lib/jvm/temurin-25-jdk-amd64"));
        assertNull(Main.javaTooOld(26, "/opt/jdk-26"));
    }
}
