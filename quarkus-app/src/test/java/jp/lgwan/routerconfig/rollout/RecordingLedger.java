package jp.lgwan.routerconfig.rollout;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.lgwan.routerconfig.device.RouterDriver;
import jp.lgwan.routerconfig.rollout.RolloutJobRouter.State;

/**
 * A push's ledger kept in memory for a test: the steps as {@code name:outcome} and the evidence of each as the journal's JSON
 * stores it (read as a map).
 */
class RecordingLedger implements RouterPush.Ledger {

    final List<String> steps = new ArrayList<>();
    final List<Map<String, Object>> evidence = new ArrayList<>();
    private String backup;

    @Override
    public void step(State state, String name, String outcome, StepEvidence recorded) {
        steps.add(name + ":" + outcome);
        evidence.add(Json.MAPPER.convertValue(recorded, new TypeReference<Map<String, Object>>() { }));
    }

    @Override
    public long backup(String runningConfig) {
        backup = runningConfig;
        return 1;
    }

    @Override
    public void guard(RouterDriver.Guard guard) {
    }

    @Override
    public String backupConfig() {
        return backup;
    }

    /** The evidence of the step named {@code name} (its last one). */
    Map<String, Object> evidenceOf(String name) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i).startsWith(name + ":")) {
                return evidence.get(i);
            }
        }
        throw new AssertionError("no step " + name + " in " + steps);
    }
}
