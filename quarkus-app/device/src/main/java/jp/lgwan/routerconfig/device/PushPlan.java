package jp.lgwan.routerconfig.device;

import java.util.List;

/**
 * The exact commands a push types (変更投入手順), in order, framing included (entering
 * configuration mode, arming the revert timer, committing, leaving): recorded in the router's step
 * journal before the first is typed, and shown with a change notification's preview.
 *
 * @param commands every command, as typed (a banner's text lines among them)
 * @param changes  how many of them carry the change (the lines typed inside configuration mode, blocks entered and
 *                 left among them; the framing aside); 0: nothing to type
 */
public record PushPlan(List<String> commands, int changes) {

    public PushPlan {
        commands = List.copyOf(commands);
    }

    public boolean isEmpty() {
        return changes == 0;
    }
}
