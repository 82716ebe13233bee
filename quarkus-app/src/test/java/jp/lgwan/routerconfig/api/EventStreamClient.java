package jp.lgwan.routerconfig.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A client of the API's event streams (text/event-stream) as a browser's EventSource reads them:
 * each event's name, id and data, with the instant it arrived. Reads on a thread of its own until
 * the server ends the stream or {@link #close()}.
 */
public final class EventStreamClient implements AutoCloseable {

    /** One event as it arrived. */
    public record Event(String name, String id, String data, Instant received) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Event> seen = new ArrayList<>();
    private final HttpResponse<Stream<String>> response;
    private final Thread reader;
    private volatile boolean ended;

    private EventStreamClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "event-stream-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code url} as {@code user} (Basic, with the test users' passwords); fails unless it answers 200 with a stream. */
    public static EventStreamClient open(URI url, String user, String password) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = request(url, user, password);
        if (response.statusCode() != 200) {
            String body = String.join("\n", response.body().toList());
            throw new AssertionError(url + " as " + user + ": HTTP " + response.statusCode() + " " + body);
        }
        return new EventStreamClient(response);
    }

    /** The status an event stream answers {@code user} with, the stream closed at once (null user: no credentials). */
    public static HttpResponse<String> statusOf(URI url, String user, String password) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = request(url, user, password);
        String body = response.statusCode() == 200 ? "" : String.join("\n", response.body().toList());
        response.body().close();
        return new HttpResponse<>() {
            @Override
            public int statusCode() {
                return response.statusCode();
            }

            @Override
            public HttpRequest request() {
                return response.request();
            }

            @Override
            public java.util.Optional<HttpResponse<String>> previousResponse() {
                return java.util.Optional.empty();
            }

            @Override
            public java.net.http.HttpHeaders headers() {
                return response.headers();
            }

            @Override
            public String body() {
                return body;
            }

            @Override
            public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
                return java.util.Optional.empty();
            }

            @Override
            public URI uri() {
                return response.uri();
            }

            @Override
            public HttpClient.Version version() {
                return response.version();
            }
        };
    }

    private static HttpResponse<Stream<String>> request(URI url, String user, String password) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(request.GET().build(),
                HttpResponse.BodyHandlers.ofLines());
    }

    private void read() {
        String name = "message";
        String id = null;
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name, id, data.toString(), Instant.now()));
                    }
                    name = "message";
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).strip());
                }
            }
        } catch (RuntimeException e) {
            // closed
        } finally {
            ended = true;
        }
    }

    /** The next event that matches, waiting up to {@code within}; every event read meanwhile is kept in {@link #seen()}. */
    public Event next(Predicate<Event> wanted, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            Event event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event != null) {
                seen.add(event);
                if (wanted.test(event)) {
                    return event;
                }
            }
        }
        throw new AssertionError("no such event within " + within.toSeconds() + " s; seen: " + seen);
    }

    /** An event that matches, read already or the next one that does (for events whose order between them is not promised). */
    public Event any(Predicate<Event> wanted, Duration within) throws InterruptedException {
        for (Event event : seen) {
            if (wanted.test(event)) {
                return event;
            }
        }
        return next(wanted, within);
    }

    public List<Event> seen() {
        return seen;
    }

    /** Whether the server ended the stream, waiting up to {@code within}. */
    public boolean ended(Duration within) throws InterruptedException {
        reader.join(within.toMillis());
        return ended;
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
