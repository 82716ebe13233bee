package jp.lgwan.routerconfig.lab;

import java.util.Locale;

/**
 * How the lab's routers answer their own {@code ping} of the node or access point their line
 * reaches: replies only while the WAN really carries packets ({@link VirtualRouter#wanCarries()}),
 * in each dialect's form. The forms are claims about real devices, each cited where the dialect's
 * {@code cli.ping} is declared (templates/&lt;profile&gt;/dialect.yaml); Yamaha RTX's and NEC IX's
 * are UNCONFIRMED (templates/README.md). Round trips are the lab's own: 1.0 to 1.2 ms.
 */
final class LabPing {

    /** The lab's round trips (ms): min, avg, max. */
    static final double MIN = 1.010;
    static final double AVG = 1.101;
    static final double MAX = 1.190;

    private LabPing() {
    }

    /** IOS: "!" per reply, "." per timeout, then the success rate (napalm ios.py ping; noc Cisco.IOS.ping). */
    static String ios(VirtualRouter router, String address, int count, int timeoutSeconds) {
        boolean up = router.wanCarries();
        StringBuilder out = new StringBuilder("Type escape sequence to abort.\nSending " + count + ", 100-byte ICMP Echos to " + address
                + ", timeout is " + timeoutSeconds + " seconds:\n");
        out.append((up ? "!" : ".").repeat(count)).append('\n');
        out.append("Success rate is ").append(up ? 100 : 0).append(" percent (").append(up ? count : 0).append('/').append(count).append(')');
        if (up) {
            out.append(", round-trip min/avg/max = 1/1/1 ms");
        }
        return out.append('\n').toString();
    }

    /** BSD ping's answer (Junos, and as assumed Yamaha RTX and NEC IX): {@code rttLabel} is what precedes the round trips. */
    static String bsd(VirtualRouter router, String address, int count, String lossFormat, String rttLabel) {
        boolean up = router.wanCarries();
        StringBuilder out = new StringBuilder("PING " + address + " (" + address + "): 56 data bytes\n");
        if (up) {
            for (int i = 0; i < count; i++) {
                out.append("64 bytes from ").append(address).append(": icmp_seq=").append(i).append(" ttl=63 time=")
                        .append(ms(AVG)).append(" ms\n");
            }
        }
        out.append('\n').append("--- ").append(address).append(" ping statistics ---\n");
        out.append(count).append(" packets transmitted, ").append(up ? count : 0).append(" packets received, ")
                .append(String.format(Locale.ROOT, lossFormat, up ? 0.0 : 100.0)).append("% packet loss\n");
        if (up) {
            out.append(rttLabel).append(" = ").append(ms(MIN)).append('/').append(ms(AVG)).append('/').append(ms(MAX)).append(rttLabel.contains("stddev")
                    ? "/0.073" : "").append(" ms\n");
        }
        return out.toString();
    }

    /** iputils ping's first line, before the replies (Linux, under vtysh's {@code ping WORD}). */
    static String iputilsStart(String address) {
        return "PING " + address + " (" + address + ") 56(84) bytes of data.\n";
    }

    /** iputils ping's replies and summary once interrupted after {@code count} seconds (iputils ping_common.c finish()). */
    static String iputilsEnd(VirtualRouter router, String address, int count) {
        boolean up = router.wanCarries();
        StringBuilder out = new StringBuilder();
        if (up) {
            for (int i = 1; i <= count; i++) {
                out.append("64 bytes from ").append(address).append(": icmp_seq=").append(i).append(" ttl=64 time=1.10 ms\n");
            }
        }
        out.append("^C\n--- ").append(address).append(" ping statistics ---\n");
        out.append(count).append(" packets transmitted, ").append(up ? count : 0).append(" received, ").append(up ? "0" : "100")
                .append("% packet loss, time ").append((count - 1) * 1000 + 3).append("ms\n");
        if (up) {
            out.append("rtt min/avg/max/mdev = ").append(ms(MIN)).append('/').append(ms(AVG)).append('/').append(ms(MAX)).append("/0.073 ms\n");
        }
        return out.toString();
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
