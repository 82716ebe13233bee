package jp.lgwan.routerconfig.lab;

/**
 * What every emulated CLI session shares: one lock (the device, so sessions of one router take
 * turns), the end of the session, no shell banner (routers send their login banner in the SSH
 * authentication exchange), and the rhythm of an answer: the command's output, then the next
 * prompt unless the session ended.
 */
abstract class LabCliSession implements CliSession {

    private final Object lock;
    /** Set by a dialect's {@code exit} at the top level. */
    protected boolean closed;

    protected LabCliSession(Object lock) {
        this.lock = java.util.Objects.requireNonNull(lock, "device");
    }

    /** The prompt of the current mode; empty where the device shows none (inside a banner's text). */
    protected abstract String currentPrompt();

    /** What the device prints for one line, without the prompt that follows. */
    protected abstract String answer(String line);

    /** Whether the next line is echoed (false while a password is read); under the device's lock. */
    protected boolean echoing() {
        return true;
    }

    /** Whether the device reads single keys now; under the device's lock. */
    protected boolean keyInput() {
        return false;
    }

    /** The channel closed: frees what the session held; under the device's lock. */
    protected void hungUp() {
    }

    @Override
    public final boolean echoes() {
        synchronized (lock) {
            return echoing();
        }
    }

    @Override
    public final boolean readsKeys() {
        synchronized (lock) {
            return !closed && keyInput();
        }
    }

    @Override
    public final void disconnected() {
        synchronized (lock) {
            closed = true;
            hungUp();
        }
    }

    @Override
    public String banner() {
        return "";
    }

    @Override
    public final String prompt() {
        synchronized (lock) {
            return closed ? "" : currentPrompt();
        }
    }

    @Override
    public final String handle(String line) {
        synchronized (lock) {
            if (closed) {
                return "";
            }
            String out = answer(line);
            return closed ? out : out + currentPrompt();
        }
    }

    @Override
    public final boolean closed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** The words of a line, a double-quoted string counting as one word; an unclosed quote throws {@code unclosed}'s error. */
    static java.util.List<String> quotedWords(String line, java.util.function.Supplier<? extends RuntimeException> unclosed) {
        java.util.List<String> words = new java.util.ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int end = line.indexOf('"', i + 1);
                if (end < 0) {
                    throw unclosed.get();
                }
                words.add(line.substring(i + 1, end));
                i = end + 1;
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(line.charAt(i)) && line.charAt(i) != '"') {
                    i++;
                }
                words.add(line.substring(start, i));
            }
        }
        return words;
    }
}
