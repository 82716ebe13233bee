package jp.lgwan.routerconfig.lab;

/**
 * One interactive CLI session on a virtual router, as its SSH shell channel sees it: the lab's SSH
 * server writes {@link #banner()} and {@link #prompt()}, then feeds every line the client types
 * to {@link #handle(String)} and writes back what it returns (the command's output followed by the
 * next prompt). Implementations emulate one vendor dialect's CLI subset.
 */
public interface CliSession {

    /** What the device prints when the session opens, before the first prompt (may be empty). */
    String banner();

    /** The current prompt, e.g. {@code lgrt.city.sapporo.lgwan.jp#} or {@code lgrt...(config-if)#}. */
    String prompt();

    /** Handles one line (without its line ending) and returns the output followed by the next prompt. */
    String handle(String line);

    /** Whether the session ended (the client typed exit at the top level). */
    boolean closed();

    /** Whether the line typed next is echoed, as a terminal does; false while the device reads a password. */
    default boolean echoes() {
        return true;
    }

    /**
     * Whether the device reads single keys now (a pager waiting at {@code ---more---}, a {@code (Y/N)}
     * question): each key goes to {@link #handle(String)} at once, without echo and without a line end.
     */
    default boolean readsKeys() {
        return false;
    }

    /** The client's channel closed (the session may hold something a real device frees then, such as a lock). */
    default void disconnected() {
    }
}
