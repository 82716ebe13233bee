package jp.lgwan.routerconfig.api;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** The messages one logger of the service writes while it is open (the log manager is the JVM's, shared with the service under test). */
final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<String> messages = new ArrayList<>();

    private LogCapture(Class<?> source) {
        this.logger = Logger.getLogger(source.getName());
        logger.addHandler(this);
    }

    static LogCapture of(Class<?> source) {
        return new LogCapture(source);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        messages.add(new SimpleFormatter().formatMessage(record));
    }

    synchronized List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
