package jp.lgwan.routerconfig.inventory.load;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * What reading each inventory file gave ({@link ParsedFile}: records, source locations, the file's own
 * findings), kept on disk by the file's git blob id: a file whose bytes a run has seen once is not parsed,
 * bound or field-checked again. The cross-object rules still run over the whole inventory every time
 * (they depend on every file and on the day).
 *
 * <p>On disk: a folder per build of the program ({@code <folder>/v1-<build>/}; another build's folders
 * are removed), holding pack files. A run reads every pack once, and at {@link #close()} writes what it
 * parsed as one new pack (a temporary file moved into place, so a reader never sees half a pack). One
 * file per entry would be simpler, but creating a file costs ~0.5 ms of system time on this kind of
 * machine (BENCHMARKS.md): 10,000 entries 5 s. When the packs grow past four times what a run used, or
 * past {@value #MAX_PACKS} files, or one entry is found corrupt, the run's entries are rewritten as one
 * pack and the others go. Each entry carries a CRC-32; an entry that fails it or does not decode is
 * ignored, the file parsed again, and a good entry written. The folder is safe to delete at any time.
 * Thread-safe: the loader reads files in parallel.
 */
public final class ParseCache implements AutoCloseable {

    static final int MAX_PACKS = 8;
    private static final byte[] MAGIC = "LGWAN-PC".getBytes(StandardCharsets.US_ASCII);
    private static final String PACK_PREFIX = "pack-";
    private static final String PACK_SUFFIX = ".bin";
    private static final String FOLDER_PREFIX = "v" + ParsedFileCodec.FORMAT + "-";

    private record Key(String type, ByteBuffer id) {
    }

    private record Slot(byte[] pack, int offset, int length, int crc) {
    }

    /** What a run did with the cache, for tests and the bench. */
    public record Stats(int hits, int misses, int corrupt, int written) {
    }

    private final Path folder;
    private final String build;
    private final Map<Key, Slot> stored = new HashMap<>();
    private final Map<Key, byte[]> fresh = new ConcurrentHashMap<>();
    private final Map<Key, Boolean> used = new ConcurrentHashMap<>();
    private final Map<Key, ParsedFile> decoded = new ConcurrentHashMap<>();
    private final List<Path> packs = new ArrayList<>();
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger misses = new AtomicInteger();
    private final AtomicInteger corrupt = new AtomicInteger();
    private long storedBytes;
    private int written;
    private boolean closed;

    private ParseCache(Path folder, String build) {
        this.folder = folder;
        this.build = build;
    }

    /**
     * The cache kept in {@code top} (created when needed) for this build of the program; empty where the
     * build is unknown (classes not built by Maven) or the folder cannot be made: the caller then parses.
     */
    public static Optional<ParseCache> open(Path top) {
        Optional<String> build = build();
        if (build.isEmpty()) {
            return Optional.empty();
        }
        Path folder = top.resolve(FOLDER_PREFIX + build.get().replaceAll("[^A-Za-z0-9._-]", "_"));
        try {
            Files.createDirectories(folder);
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
        ParseCache cache = new ParseCache(folder, build.get());
        cache.readPacks();
        return Optional.of(cache);
    }

    /** This build's id, from the build.properties Maven writes; empty when the classes were not built by Maven. */
    static Optional<String> build() {
        try (InputStream in = ParseCache.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            String build = properties.getProperty("build", "");
            return build.isEmpty() || build.contains("${") ? Optional.empty() : Optional.of(build);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The id git gives a file with these bytes (SHA-1 of {@code blob <length>\0} and the bytes). */
    public static byte[] blobId(byte[] content) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return sha1.digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path folder() {
        return folder;
    }

    public Stats stats() {
        return new Stats(hits.get(), misses.get(), corrupt.get(), written);
    }

    /** The file of {@code type} with blob id {@code id} as it was read before, named {@code display}; null when not kept. */
    ParsedFile get(Class<?> type, byte[] id, String display) {
        Key key = new Key(type.getName(), ByteBuffer.wrap(id.clone()));
        ParsedFile known = decoded.get(key);
        if (known != null && sameFile(known, display)) {
            hits.incrementAndGet();
            used.put(key, Boolean.TRUE);
            return known;
        }
        byte[] mine = fresh.get(key);
        Slot slot = mine != null ? new Slot(mine, 0, mine.length, crc(mine, 0, mine.length)) : stored.get(key);
        if (slot == null) {
            misses.incrementAndGet();
            return null;
        }
        if (crc(slot.pack, slot.offset, slot.length) != slot.crc) {
            corrupt.incrementAndGet();
            misses.incrementAndGet();
            return null;
        }
        try {
            ParsedFile file = ParsedFileCodec.decode(slot.pack, slot.offset, slot.length, type, display);
            decoded.put(key, file);
            used.put(key, Boolean.TRUE);
            hits.incrementAndGet();
            return file;
        } catch (ParsedFileCodec.Corrupt e) {
            corrupt.incrementAndGet();
            misses.incrementAndGet();
            return null;
        }
    }

    /** Keeps what reading the file with blob id {@code id} gave; a result the codec cannot write is not kept. */
    void put(Class<?> type, byte[] id, String display, ParsedFile file) {
        try {
            Key key = new Key(type.getName(), ByteBuffer.wrap(id.clone()));
            fresh.put(key, ParsedFileCodec.encode(file, type, display));
            decoded.put(key, file);
            used.put(key, Boolean.TRUE);
        } catch (ParsedFileCodec.Unsupported e) {
            // parsed again next time: correct, only slower
        }
    }

    /** The same file read under the same name: the records (and their locations) can be shared. */
    private static boolean sameFile(ParsedFile file, String display) {
        SourceLocations.Location at = file.value() == null ? null : file.locations().recordLocation(file.value());
        return at != null ? at.file().equals(display) : file.findings().stream().allMatch(f -> f.file().equals(display));
    }

    private void readPacks() {
        try (Stream<Path> list = Files.list(folder)) {
            for (Path pack : list.filter(p -> p.getFileName().toString().startsWith(PACK_PREFIX)).sorted().toList()) {
                packs.add(pack);
                readPack(pack);
            }
        } catch (IOException | UncheckedIOException e) {
            // an unreadable folder is an empty cache
        }
    }

    /** Reads one pack's entries; a later pack's entry for the same key wins. A damaged tail is dropped; a foreign file ignored. */
    private void readPack(Path pack) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(pack);
        } catch (IOException | OutOfMemoryError e) {
            return;
        }
        storedBytes += bytes.length;
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            byte[] buildBytes = new byte[in.getShort() & 0xffff];
            in.get(buildBytes);
            if (!java.util.Arrays.equals(magic, MAGIC) || !new String(buildBytes, StandardCharsets.UTF_8).equals(build)) {
                corrupt.incrementAndGet();
                return;
            }
            while (in.hasRemaining()) {
                byte[] type = new byte[in.getShort() & 0xffff];
                in.get(type);
                byte[] id = new byte[in.get() & 0xff];
                in.get(id);
                int length = in.getInt();
                int crc = in.getInt();
                if (length < 0 || length > in.remaining()) {
                    throw new IllegalArgumentException("entry past the pack's end");
                }
                stored.put(new Key(new String(type, StandardCharsets.UTF_8), ByteBuffer.wrap(id)), new Slot(bytes, in.position(), length, crc));
                in.position(in.position() + length);
            }
        } catch (RuntimeException e) {
            corrupt.incrementAndGet();
        }
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /**
     * Writes the entries parsed in this run as a new pack, or, when the packs have grown (see the class
     * comment), every entry this run used as the only pack; removes other builds' folders. A failure to
     * write leaves the cache as it was: the next run parses again.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            long usedBytes = 0;
            for (Key key : used.keySet()) {
                byte[] mine = fresh.get(key);
                Slot slot = stored.get(key);
                usedBytes += mine != null ? mine.length : slot == null ? 0 : slot.length;
            }
            boolean compact = corrupt.get() > 0 || packs.size() >= MAX_PACKS || storedBytes > 4 * usedBytes + (1 << 20);
            Map<Key, byte[]> out = new HashMap<>();
            if (compact) {
                for (Key key : used.keySet()) {
                    byte[] mine = fresh.get(key);
                    Slot slot = stored.get(key);
                    if (mine != null) {
                        out.put(key, mine);
                    } else if (slot != null && crc(slot.pack, slot.offset, slot.length) == slot.crc) {
                        out.put(key, java.util.Arrays.copyOfRange(slot.pack, slot.offset, slot.offset + slot.length));
                    }
                }
            } else {
                fresh.forEach((key, bytes) -> {
                    if (!stored.containsKey(key)) {
                        out.put(key, bytes);
                    }
                });
            }
            if (!out.isEmpty() || compact) {
                if (!out.isEmpty()) {
                    writePack(out);
                }
                if (compact) {
                    for (Path pack : packs) {
                        Files.deleteIfExists(pack);
                    }
                }
            }
            removeOtherBuilds();
        } catch (IOException | UncheckedIOException e) {
            // the cache is an optimization: a run that cannot write it has still done its work
        }
    }

    private void writePack(Map<Key, byte[]> entries) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(entries.values().stream().mapToInt(b -> b.length + 64).sum() + 64);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.write(MAGIC);
            byte[] buildBytes = build.getBytes(StandardCharsets.UTF_8);
            out.writeShort(buildBytes.length);
            out.write(buildBytes);
            for (Map.Entry<Key, byte[]> entry : entries.entrySet()) {
                byte[] type = entry.getKey().type().getBytes(StandardCharsets.UTF_8);
                byte[] id = new byte[entry.getKey().id().remaining()];
                entry.getKey().id().duplicate().get(id);
                out.writeShort(type.length);
                out.write(type);
                out.writeByte(id.length);
                out.write(id);
                out.writeInt(entry.getValue().length);
                out.writeInt(crc(entry.getValue(), 0, entry.getValue().length));
                out.write(entry.getValue());
            }
        }
        // a name that sorts after every pack before it: the newest entry wins
        String name = String.format("%s%016x-%08x%s", PACK_PREFIX, System.currentTimeMillis(), ThreadLocalRandom.current().nextInt(), PACK_SUFFIX);
        Path temp = Files.createTempFile(folder, ".tmp-", PACK_SUFFIX);
        try {
            Files.write(temp, buffer.toByteArray());
            try {
                Files.move(temp, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, folder.resolve(name));
            }
            written = entries.size();
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Other builds' folders (only folders named as this class names them) and temporary files a killed run left. */
    private void removeOtherBuilds() throws IOException {
        Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
        try (Stream<Path> list = Files.list(folder)) {
            for (Path temp : list.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList()) {
                if (Files.getLastModifiedTime(temp).toInstant().isBefore(hourAgo)) {
                    Files.deleteIfExists(temp);
                }
            }
        }
        try (Stream<Path> list = Files.list(folder.getParent())) {
            for (Path other : list.filter(p -> p.getFileName().toString().matches("v\\d+-.+") && Files.isDirectory(p) && !p.equals(folder)).toList()) {
                try (Stream<Path> files = Files.walk(other)) {
                    for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }
}
