package jp.lgwan.routerconfig.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import jp.lgwan.routerconfig.inventory.load.ParseCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import picocli.CommandLine.Option;

/**
 * {@code --cache} and {@code --no-cache}: where the parse cache ({@link ParseCache}) is kept. By default
 * in the git directory of the repository the inventory is in ({@code .git/lgwan-cache}), where git
 * ignores it and a CI runner's next job on the same clone finds it; outside a repository there is none
 * unless named. Safe to delete; a build of the program uses only its own entries.
 */
final class CacheOption {

    static final String FOLDER = "lgwan-cache";

    @Option(names = "--cache", paramLabel = "DIR",
            description = "keep what each inventory file gave in DIR, by its git blob id, so the next run parses only new files (default: .git/" + FOLDER
                    + " of the repository the inventory is in; safe to delete)")
    Path cache;

    @Option(names = "--no-cache", description = "parse every file, and keep nothing")
    boolean noCache;

    /** The cache for an inventory inside the repository whose git directory is {@code gitDir} (null: find it from {@code near}). */
    Optional<ParseCache> open(File gitDir, Path near) {
        if (noCache) {
            return Optional.empty();
        }
        if (cache != null) {
            return ParseCache.open(cache);
        }
        File git = gitDir != null ? gitDir : gitDirOf(near);
        return git == null ? Optional.empty() : ParseCache.open(git.toPath().resolve(FOLDER));
    }

    private static File gitDirOf(Path near) {
        try {
            return new FileRepositoryBuilder().findGitDir(near.toAbsolutePath().toFile()).getGitDir();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Closes the cache (writing what this run parsed) if there is one. */
    static void close(Optional<ParseCache> cache) {
        cache.ifPresent(ParseCache::close);
    }
}
