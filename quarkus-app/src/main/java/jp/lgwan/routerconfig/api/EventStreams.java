package jp.lgwan.routerconfig.api;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import jp.lgwan.routerconfig.change.ChangeRefused;
import jp.lgwan.routerconfig.live.LiveEvent;
import jp.lgwan.routerconfig.live.LiveListener;
import jp.lgwan.routerconfig.rollout.RolloutJob;

/**
 * Live progress as server-sent events (text/event-stream), for any client and for the console:
 * one stream per job ({@code GET /api/jobs/{id}/events}, {@link JobResource}) and one for the
 * board ({@code GET /api/board/events}, {@link BoardEventResource}). Each event names what changed (its {@code data} is
 * JSON); a client reads the whole record from the API when it needs more. Events are not kept:
 * a client that reconnects reads the current state first, then listens ({@code resync} says events
 * may have been missed). A comment every 20 s keeps idle connections open through proxies.
 */
@ApplicationScoped
public class EventStreams {

    static final Duration HEARTBEAT = Duration.ofSeconds(20);
    /** The board hears of running jobs' steps at most once a second per job: a window of 3,500 routers takes ~25,000 steps. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

    private final LiveListener live;
    private final Views views;

    public EventStreams(LiveListener live, Views views) {
        this.live = live;
        this.views = views;
    }

    /**
     * One job, as it runs: first {@code job} (where it stands now), then {@code step} for each step
     * a router takes ({@code job_id, router_id, hostname, state, name, outcome, at}), {@code router}
     * when a router ends ({@code state}), and {@code job} again when the job moves (planned, halted,
     * finished: {@code state, closed, outcome, routers_by_state}). The stream ends after the job
     * is finished ({@code closed}: every router done).
     */
    public Multi<OutboundSseEvent> job(long id, Sse sse) {
        return job(id, sse, hostname -> true);
    }

    /** The same, with only the routers {@code shown} lets through: the others' steps and ends left out, the counts theirs only. */
    public Multi<OutboundSseEvent> job(long id, Sse sse, Predicate<String> shown) {
        Views.JobView now = jobView(id, shown);
        Multi<OutboundSseEvent> changes = live.events()
                .filter(e -> LiveEvent.RESYNC.equals(e.type()) || Objects.equals(e.number("job_id"), id) && (e.text("hostname") == null || shown.test(e.text("hostname")))
                        || LiveEvent.AUDIT.equals(e.type()) && "job".equals(e.text("subject_type")) && String.valueOf(id).equals(e.text("subject_id")))
                .onItem().transformToUniAndConcatenate(e -> LiveEvent.AUDIT.equals(e.type())
                        ? Uni.createFrom().item(() -> jobEvent(sse, e.sequence(), jobView(id, shown))).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        : Uni.createFrom().item(event(sse, e.sequence(), e.type(), e.data())));
        Multi<OutboundSseEvent> untilClosed = Multi.createBy().concatenating().streams(Multi.createFrom().item(jobEvent(sse, 0, now)), changes)
                .onItem().transformToMultiAndConcatenate(e -> closes(e) ? Multi.createFrom().items(e, END) : Multi.createFrom().item(e))
                .select().first(e -> e != END);
        return withHeartbeat(now.finishedAt() != null ? Multi.createFrom().item(jobEvent(sse, 0, now)) : untilClosed, sse);
    }

    /**
     * Everything the board shows: {@code audit} for every move of a notification, a window, a job,
     * a notice or the inventory ({@code action, actor, subject_type, subject_id}), {@code router}
     * when a router of a job ends, and {@code progress} ({@code job_ids}) at most once a second
     * while routers take steps.
     */
    public Multi<OutboundSseEvent> board(Sse sse) {
        Multi<LiveEvent> events = live.events();
        Multi<OutboundSseEvent> moves = events.filter(e -> !LiveEvent.STEP.equals(e.type()))
                .map(e -> event(sse, e.sequence(), e.type(), e.data()));
        Multi<OutboundSseEvent> progress = live.events().filter(e -> LiveEvent.STEP.equals(e.type()))
                .group().intoLists().every(PROGRESS_EVERY)
                .filter(batch -> !batch.isEmpty())
                .map(batch -> {
                    Set<Long> jobs = new LinkedHashSet<>();
                    batch.forEach(e -> jobs.add(e.number("job_id")));
                    return event(sse, batch.get(batch.size() - 1).sequence(), "progress", Map.of("job_ids", List.copyOf(jobs)));
                });
        return withHeartbeat(Multi.createBy().merging().streams(moves, progress), sse);
    }

    private static final OutboundSseEvent END = new OutboundSseEvent() {
        @Override
        public Class<?> getType() {
            return Void.class;
        }

        @Override
        public java.lang.reflect.Type getGenericType() {
            return Void.class;
        }

        @Override
        public MediaType getMediaType() {
            return MediaType.TEXT_PLAIN_TYPE;
        }

        @Override
        public Object getData() {
            return null;
        }

        @Override
        public String getId() {
            return null;
        }

        @Override
        public String getName() {
            return "end";
        }

        @Override
        public String getComment() {
            return null;
        }

        @Override
        public long getReconnectDelay() {
            return -1;
        }

        @Override
        public boolean isReconnectDelaySet() {
            return false;
        }
    };

    private Views.JobView jobView(long id, Predicate<String> shown) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            RolloutJob job = RolloutJob.findById(id);
            if (job == null) {
                throw ChangeRefused.notFound("no job " + id);
            }
            return views.job(job, false, shown);
        });
    }

    private static boolean closes(OutboundSseEvent event) {
        return "job".equals(event.getName()) && event.getData() instanceof Map<?, ?> data && Boolean.TRUE.equals(data.get("closed"));
    }

    private static OutboundSseEvent jobEvent(Sse sse, long sequence, Views.JobView job) {
        // finished: every router is done (a halted job too), nothing more happens in it
        boolean closed = job.finishedAt() != null;
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("job_id", job.id());
        data.put("state", job.state());
        data.put("closed", closed);
        data.put("outcome", job.outcome());
        data.put("routers_by_state", job.routersByState());
        return event(sse, sequence, "job", data);
    }

    private static OutboundSseEvent event(Sse sse, long sequence, String name, Map<String, ?> data) {
        OutboundSseEvent.Builder builder = sse.newEventBuilder().name(name).mediaType(MediaType.APPLICATION_JSON_TYPE).data(Map.class, data);
        if (sequence > 0) {
            builder.id(Long.toString(sequence));
        }
        return builder.build();
    }

    /** The events, with a comment every {@link #HEARTBEAT} while the stream is open; it ends when they end. */
    static Multi<OutboundSseEvent> withHeartbeat(Multi<OutboundSseEvent> events, Sse sse) {
        OutboundSseEvent beat = sse.newEventBuilder().comment("keep-alive").build();
        return Multi.createFrom().emitter(emitter -> {
            Object lock = new Object();
            ScheduledFuture<?> beats = Infrastructure.getDefaultWorkerPool().scheduleAtFixedRate(() -> {
                synchronized (lock) {
                    emitter.emit(beat);
                }
            }, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
            Cancellable subscription = events.subscribe().with(e -> {
                synchronized (lock) {
                    emitter.emit(e);
                }
            }, failure -> {
                beats.cancel(false);
                emitter.fail(failure);
            }, () -> {
                beats.cancel(false);
                emitter.complete();
            });
            emitter.onTermination(() -> {
                beats.cancel(false);
                subscription.cancel();
            });
        });
    }
}
