package jp.lgwan.routerconfig.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import jp.lgwan.routerconfig.inventory.Organization;
import jp.lgwan.routerconfig.inventory.load.LoadResult;
import jp.lgwan.routerconfig.render.InventoryDiff;
import jp.lgwan.routerconfig.render.RevisionSnapshot;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * Which files a change touches, by git blob id. When only organization files change, every other
 * organization's routers render the same on both sides (a router's config depends on its own
 * organization file, the reference data and the templates), so diff reads and renders only the
 * changed organizations at the base: on a national fleet that is the difference between seconds
 * and a coffee.
 */
record ChangedFiles(boolean everything, Set<String> organizationFiles, String organizationsPrefix) {

    static ChangedFiles between(Repository repository, String base, String head, java.util.List<String> folders, String organizationsPrefix)
            throws RevisionSnapshot.RevisionException, IOException {
        Map<String, ObjectId> before = RevisionSnapshot.blobIds(repository, base, folders);
        Map<String, ObjectId> after = head == null ? RevisionSnapshot.workingTreeBlobIds(repository.getWorkTree().toPath(), folders)
                : RevisionSnapshot.blobIds(repository, head, folders);
        Set<String> paths = new HashSet<>(before.keySet());
        paths.addAll(after.keySet());
        boolean everything = false;
        Set<String> organizations = new HashSet<>();
        for (String path : paths) {
            if (Objects.equals(before.get(path), after.get(path))) {
                continue;
            }
            if (path.startsWith(organizationsPrefix) && path.indexOf('/', organizationsPrefix.length()) < 0) {
                organizations.add(path.substring(organizationsPrefix.length()));
            } else if (!path.endsWith(".md")) {
                everything = true;
            }
        }
        return new ChangedFiles(everything, organizations, organizationsPrefix);
    }

    /** What the base snapshot must hold: everything when all is compared, else the changed organizations and what is not an organization. */
    boolean neededAtBase(String path) {
        return everything || !path.startsWith(organizationsPrefix) || organizationFiles.contains(path.substring(organizationsPrefix.length()));
    }

    Predicate<String> hostnamesIn(LoadResult loaded) {
        return hostnamesOf(loaded.inventory(), org -> organizationFiles.contains(Path.of(loaded.locations().of(org).file()).getFileName().toString()));
    }

    Predicate<String> hostnamesIn(InventoryDiff.Side side) {
        // the base snapshot holds only changed organizations: all of its routers are compared
        return hostnamesOf(side.inventory(), org -> true);
    }

    private static Predicate<String> hostnamesOf(jp.lgwan.routerconfig.inventory.Inventory inventory, Predicate<Organization> changed) {
        Set<String> hostnames = new HashSet<>();
        inventory.organizations().stream().filter(changed).forEach(o -> o.routers().forEach(r -> hostnames.add(r.hostname())));
        return hostnames::contains;
    }
}
