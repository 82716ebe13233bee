package jp.lgwan.routerconfig.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code templates/frr/lgwan-frr-host}, the one command a host's operator needs to apply what a
 * HOST_PENDING FRR router lists, run as root in a network namespace of its own against a real
 * kernel: a veth pair's eth0, whose shaping (tc tbf) it really sets, shows and removes, and whose
 * link mode it cannot set (a veth has no link settings: ethtool answers "Operation not
 * supported"). Anything but the rendered link-mode and shaping lines is refused before anything
 * changes. CI installs ethtool and iproute2 (.ci/run) and must run this.
 */
class FrrHostHelperTest {

    static final Path HELPER = Paths.get("templates/frr/lgwan-frr-host");
    private static final Path ETHTOOL = Paths.get("/usr/sbin/ethtool");
    private static final Path TC = Paths.get("/usr/sbin/tc");
    private static final String SHAPE_200 = "! host: tc qdisc replace dev eth0 root tbf rate 200mbit burst 256kb latency 50ms";
    private static final String SHAPE_100 = "! host: tc qdisc replace dev eth0 root tbf rate 100mbit burst 256kb latency 50ms";
    /** What a veth runs, and all ethtool can say of it. */
    private static final String VETH_MODE = "! host: ethtool -s eth0 speed 10000 duplex full autoneg off";

    record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void requireTools() {
        String missing = !Files.isExecutable(FrrHostSnmpd.PYTHON) ? FrrHostSnmpd.PYTHON + " is missing"
                : !Files.isExecutable(ETHTOOL) ? "ethtool is not installed"
                : !Files.isExecutable(TC) ? "tc (iproute2) is not installed"
                : !"root".equals(System.getProperty("user.name")) ? "network namespaces need root" : null;
        if (missing != null) {
            if (System.getenv("CI") != null) {
                fail("CI must run the FRR host helper test, but " + missing + "; .ci/run installs ethtool and iproute2");
            }
            Assumptions.abort("FRR host helper test skipped: " + missing);
        }
    }

    private final String namespace = "lgwan-host-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000;

    @BeforeEach
    void hostWithAPort() throws Exception {
        for (List<String> command : List.of(List.of("ip", "netns", "add", namespace),
                List.of("ip", "netns", "exec", namespace, "ip", "link", "add", "eth0", "type", "veth", "peer", "name", "eth1"),
                List.of("ip", "netns", "exec", namespace, "ip", "link", "set", "eth0", "up"))) {
            Run run = exec(command, "");
            assertEquals(0, run.status(), command + ": " + run.err());
        }
    }

    @AfterEach
    void removeHost() throws Exception {
        exec(List.of("ip", "netns", "del", namespace), "");
    }

    @Test
    void shapingIsSetShownReplacedAndRemovedForReal() throws Exception {
        assertEquals(new Run(0, VETH_MODE + "\n", ""), helper("", "show", "eth0"), "a port without shaping shows its mode only");

        assertEquals(new Run(0, "", ""), helper(SHAPE_200 + "\n", "apply"));
        assertEquals(new Run(0, VETH_MODE + "\n" + SHAPE_200 + "\n", ""), helper("", "show", "eth0"));
        // the kernel's own view: tc's token bucket at 200 Mbit/s (25,000,000 bytes/s)
        Run tc = exec(List.of("ip", "netns", "exec", namespace, "tc", "-j", "qdisc", "show", "dev", "eth0", "root"), "");
        assertEquals(true, tc.out().contains("\"kind\":\"tbf\"") && tc.out().contains("\"rate\":25000000"), tc.out());

        // a bandwidth change as HOST_PENDING lists it: the old line dropped, the new one added
        assertEquals(new Run(0, "", ""), helper("- " + SHAPE_200 + "\n+ " + SHAPE_100 + "\n", "apply"));
        assertEquals(new Run(0, VETH_MODE + "\n" + SHAPE_100 + "\n", ""), helper("", "show", "eth0"));

        assertEquals(new Run(0, "", ""), helper("- " + SHAPE_100 + "\n", "apply"));
        assertEquals(new Run(0, VETH_MODE + "\n", ""), helper("", "show", "eth0"), "shaping removed");
    }

    @Test
    void aFixedModeAVethCannotRunFailsWithEthtoolsReason() throws Exception {
        Run fixed = helper("! host: ethtool -s eth0 speed 100 duplex full autoneg off\n", "apply");
        assertEquals(1, fixed.status());
        assertEquals("lgwan-frr-host: failed: /usr/sbin/ethtool -s eth0 speed 100 duplex full autoneg off: netlink error: Operation not supported\n",
                fixed.err());
        assertEquals(VETH_MODE + "\n", helper("", "show", "eth0").out());
    }

    @Test
    void anythingButLinkModeAndShapingIsRefusedBeforeAnythingChanges() throws Exception {
        Run ntp = helper(SHAPE_200 + "\n! host: ntp server 198.18.0.123\n", "apply");
        assertEquals(new Run(2, "", "lgwan-frr-host: refused, nothing changed: line 2 is not a link mode or shaping line this helper applies:"
                + " ! host: ntp server 198.18.0.123\n"), ntp);
        assertEquals(VETH_MODE + "\n", helper("", "show", "eth0").out(), "the valid first line was not applied either");

        assertEquals(new Run(2, "", "lgwan-frr-host: refused, nothing changed: line 1 is not a link mode or shaping line this helper applies:"
                + " ! host: tc qdisc replace dev eth0 root tbf rate 200mbit burst 1mb latency 50ms\n"),
                helper("! host: tc qdisc replace dev eth0 root tbf rate 200mbit burst 1mb latency 50ms\n", "apply"));
        assertEquals(new Run(2, "", "lgwan-frr-host: refused, nothing changed: no such port: eth9\n"), helper(SHAPE_200.replace("eth0", "eth9"), "apply"));
        assertEquals(new Run(2, "", "lgwan-frr-host: refused, nothing changed: no such port: eth0;reboot\n"), helper("", "show", "eth0;reboot"));
        assertEquals(2, helper("", "reboot").status());
    }

    private Run helper(String input, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace, FrrHostSnmpd.PYTHON.toString(), HELPER.toString()));
        command.addAll(List.of(args));
        return exec(command, input);
    }

    private static Run exec(List<String> command, String input) throws Exception {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.US_ASCII));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command + " did not finish");
        }
        return new Run(process.exitValue(), out, err);
    }
}
