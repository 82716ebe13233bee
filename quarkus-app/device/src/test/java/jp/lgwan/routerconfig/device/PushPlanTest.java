package jp.lgwan.routerconfig.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jp.lgwan.routerconfig.render.Dialect;
import org.junit.jupiter.api.Test;

/** What the console shows before a push: the commands the driver types, in order, per dialect's way of guarding a change. */
class PushPlanTest {

    @Test
    void aDeviceTimerIsArmedTheLinesTypedThenConfirmedAndSaved() {
        Dialect ios = Dialect.load(Path.of("templates"), "cisco-iosxe");
        String running = "hostname r1\n!\ninterface GigabitEthernet0/0/0\n speed 100\n!\nend\n";
        String candidate = "hostname r1\n!\ninterface GigabitEthernet0/0/0\n speed 1000\n!\nend\n";
        // 150 s is rounded up to the timer's whole minutes
        assertEquals(List.of("configure terminal revert timer 3", "interface GigabitEthernet0/0/0", "no speed 100", "speed 1000", "exit", "end",
                "configure confirm", "write memory"), CliRouterDriver.pushPlan(ios, running, candidate, Duration.ofSeconds(150)));
    }

    @Test
    void withoutATimerTheServicesWatchdogGuardsAndTypesNothingOfItsOwn() {
        Dialect yamaha = Dialect.load(Path.of("templates"), "yamaha-rtx");
        String running = "ip lan2 address 203.0.113.13/30\nspeed lan2 100000000\n";
        String candidate = "ip lan2 address 203.0.113.13/30\nspeed lan2 1000000000\n";
        List<String> plan = CliRouterDriver.pushPlan(yamaha, running, candidate, Duration.ofMinutes(3));
        assertEquals("speed lan2 1000000000", plan.get(plan.size() - 2), plan.toString());
        assertEquals("save", plan.get(plan.size() - 1), plan.toString());
    }
}
