package jp.lgwan.routerconfig.live;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Hears what {@link LiveFeed} announces, on any instance: one connection of the pool held with
 * {@code LISTEN}, read by a thread of its own, and every event handed to whoever subscribed (the
 * API's event streams). When the connection breaks it is opened again with growing pauses, and a
 * {@code resync} event tells subscribers that events may have been missed meanwhile.
 */
@ApplicationScoped
public class LiveListener {

    private static final Logger LOG = Logger.getLogger(LiveListener.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    /** How long one read waits for notifications before looking whether to stop. */
    private static final int POLL_MILLIS = 500;
    /** Events a slow subscriber may fall behind by before its stream fails (a browser then reconnects and reads again). */
    static final int BUFFER = 4096;

    private final DataSource dataSource;
    private final BroadcastProcessor<LiveEvent> processor = BroadcastProcessor.create();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    public LiveListener(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::listen, "live-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
        processor.onComplete();
    }

    /** Every event heard from now on; a subscriber that falls more than {@value #BUFFER} behind gets a failure. */
    public Multi<LiveEvent> events() {
        return processor.onOverflow().buffer(BUFFER);
    }

    /** Whether the listening connection is up (health). */
    public boolean listening() {
        return listening;
    }

    private void listen() {
        Duration pause = Duration.ofMillis(250);
        boolean first = true;
        while (running) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                connection.setAutoCommit(true);
                statement.execute("LISTEN " + LiveFeed.CHANNEL);
                listening = true;
                if (!first) {
                    emit(LiveEvent.RESYNC, Map.of("reason", "the event connection was lost and is back"));
                }
                first = false;
                pause = Duration.ofMillis(250);
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            dispatch(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running) {
                    return;
                }
                LOG.warnf("live events: %s; listening again in %d ms", e.getMessage(), pause.toMillis());
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : pause.multipliedBy(2);
            }
        }
        listening = false;
    }

    private void dispatch(String payload) {
        Map<String, Object> data;
        try {
            data = JSON.readValue(payload, MAP);
        } catch (java.io.IOException e) {
            LOG.debugf("live event not JSON: %s", payload);
            return;
        }
        Object type = data.remove("type");
        emit(type == null ? "unknown" : type.toString(), data);
    }

    private void emit(String type, Map<String, Object> data) {
        processor.onNext(new LiveEvent(sequence.incrementAndGet(), type, java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data))));
    }
}
