package jp.lgwan.routerconfig.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snmpd pass_persist protocol of {@code templates/frr/frr-ifmib-pass-persist.py}, spoken to it
 * directly as snmpd does, with a stand-in vtysh printing what FRR 8.4.4 prints for
 * {@code show interface json}. The loopback interface (ifindex 1 everywhere) carries the values;
 * no root, FRR or snmpd needed, only /usr/bin/python3.
 */
class FrrIfMibHelperTest {

    private static final String ALIAS_LO = ".1.3.6.1.2.1.31.1.1.1.18.1";
    private static final String HIGH_SPEED_LO = ".1.3.6.1.2.1.31.1.1.1.15.1";
    private static final String SPEED_LO = ".1.3.6.1.2.1.2.2.1.5.1";

    @TempDir
    Path temp;

    private Process helper;
    private Writer toHelper;
    private BufferedReader fromHelper;

    @BeforeAll
    static void requirePython() {
        if (!Files.isExecutable(FrrHostSnmpd.PYTHON) || !Files.isRegularFile(Path.of("/sys/class/net/lo/ifindex"))) {
            String missing = FrrHostSnmpd.PYTHON + " or /sys/class/net is missing";
            if (System.getenv("CI") != null) {
                fail("CI must run the FRR IF-MIB helper test, but " + missing);
            }
            Assumptions.abort("FRR IF-MIB helper test skipped: " + missing);
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (helper != null) {
            helper.getOutputStream().close();
            assertTrue(helper.waitFor(10, TimeUnit.SECONDS), "the helper ends when snmpd closes its input");
            assertEquals(0, helper.exitValue());
        }
    }

    /** A vtysh that answers {@code show interface json} (with the options the helper was given) from a file. */
    private void start(String showInterfaceJson) throws Exception {
        Files.writeString(temp.resolve("show-interface.json"), showInterfaceJson);
        Path vtysh = temp.resolve("vtysh");
        Files.writeString(vtysh, "#!/bin/sh\n[ \"$*\" = \"--vty_socket /run/x --config_dir /etc/x -c show interface json\" ] || { echo \"unexpected: $*\"; exit 3; }\n"
                + "exec cat " + temp.resolve("show-interface.json") + "\n");
        Files.setPosixFilePermissions(vtysh, PosixFilePermissions.fromString("rwxr-xr-x"));
        helper = new ProcessBuilder(FrrHostSnmpd.PYTHON.toString(), FrrHostSnmpd.HELPER.toString(), "--vtysh", vtysh.toString(),
                "--vty-socket", "/run/x", "--config-dir", "/etc/x", "--cache-seconds", "0").redirectError(temp.resolve("stderr").toFile()).start();
        toHelper = new OutputStreamWriter(helper.getOutputStream(), StandardCharsets.UTF_8);
        fromHelper = new BufferedReader(new InputStreamReader(helper.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Sends one request as snmpd does and reads {@code lines} lines of answer. */
    private List<String> ask(int lines, String... request) throws Exception {
        toHelper.write(String.join("\n", request) + "\n");
        toHelper.flush();
        List<String> answer = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            answer.add(fromHelper.readLine());
        }
        return answer;
    }

    @Test
    void itAnswersFrrsDescriptionAndBandwidthForTheKernelsIfIndex() throws Exception {
        // FRR 8.4.4: "bandwidth 200" is 200 Mbit/s ("bandwidth (1-100000)  Bandwidth in megabits"), JSON "bandwidth":200
        start("{\"lo\":{\"description\":\"LGWAN carrier line x\",\"bandwidth\":200,\"speed\":0,\"index\":1}}");
        assertEquals(List.of("PONG"), ask(1, "PING"));
        assertEquals(List.of(ALIAS_LO, "string", "LGWAN carrier line x"), ask(3, "get", ALIAS_LO));
        assertEquals(List.of(HIGH_SPEED_LO, "gauge", "200"), ask(3, "get", HIGH_SPEED_LO));
        assertEquals(List.of(SPEED_LO, "gauge", "200000000"), ask(3, "get", SPEED_LO));
        // getnext from the column's root is its first row; it never leaves the column it was asked in
        assertEquals(List.of(ALIAS_LO, "string", "LGWAN carrier line x"), ask(3, "getnext", ".1.3.6.1.2.1.31.1.1.1.18"));
        List<String> next = ask(1, "getnext", ALIAS_LO);
        assertTrue(next.get(0).equals("NONE") || next.get(0).startsWith(".1.3.6.1.2.1.31.1.1.1.18."), next.toString());
        if (!next.get(0).equals("NONE")) {
            fromHelper.readLine();
            fromHelper.readLine();
        }
        assertEquals(List.of("NONE"), ask(1, "get", ".1.3.6.1.2.1.31.1.1.1.18.2147483647"));
        assertEquals(List.of("NONE"), ask(1, "getnext", ".1.3.6.1.2.1.31.1.1.1.17.1"));
        assertEquals(List.of("not-writable"), ask(1, "set", ALIAS_LO, "string changed"));
        assertEquals(List.of("PONG"), ask(1, "PING"));
    }

    @Test
    void aVeryFastLinkCapsIfSpeedAndALongDescriptionIsCutToTheMibs64Octets() throws Exception {
        String long70 = "x".repeat(70);
        start("{\"lo\":{\"description\":\"" + long70 + "\",\"bandwidth\":100000}}");
        assertEquals(List.of(ALIAS_LO, "string", "x".repeat(64)), ask(3, "get", ALIAS_LO));
        assertEquals(List.of(HIGH_SPEED_LO, "gauge", "100000"), ask(3, "get", HIGH_SPEED_LO));
        assertEquals(List.of(SPEED_LO, "gauge", "4294967295"), ask(3, "get", SPEED_LO));
    }

    @Test
    void withoutFrrItAnswersFromTheKernelAndSaysWhy() throws Exception {
        start("% Can't find interface json\n");
        // lo has no ifalias and no link speed in the kernel
        assertEquals(List.of(ALIAS_LO, "string", ""), ask(3, "get", ALIAS_LO));
        assertEquals(List.of(HIGH_SPEED_LO, "gauge", "0"), ask(3, "get", HIGH_SPEED_LO));
        assertEquals(List.of(SPEED_LO, "gauge", "0"), ask(3, "get", SPEED_LO));
        assertTrue(Files.readString(temp.resolve("stderr")).contains("no JSON: % Can't find interface json; answering from the kernel alone"),
                Files.readString(temp.resolve("stderr")));
    }
}
