package jp.lgwan.routerconfig.inventory.load;

/** The inventory directory itself cannot be read (missing, not a directory, no permission): a usage problem, not a finding. */
public final class InventoryUnreadableException extends Exception {
    public InventoryUnreadableException(String message) {
        super(message);
    }
}
