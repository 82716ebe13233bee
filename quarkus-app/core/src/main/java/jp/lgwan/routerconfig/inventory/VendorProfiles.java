package jp.lgwan.routerconfig.inventory;

import jakarta.validation.Valid;
import java.util.List;

/** Reference data: the vendor profiles a router may name. */
public record VendorProfiles(List<@Valid VendorProfile> vendorProfiles) {

    public VendorProfiles {
        vendorProfiles = vendorProfiles == null ? List.of() : List.copyOf(vendorProfiles);
    }
}
