package jp.lgwan.routerconfig.inventory;

import jakarta.validation.constraints.NotBlank;
import jp.lgwan.routerconfig.inventory.rules.CliSafe;

/**
 * A carrier's line service (回線サービス: a carrier and its product, 品目) that is connected to a prefecture
 * node. Moving a line to a service not yet at the node needs new installation work first and a
 * three-party agreement (organization, prefecture, operating body): 「切替え先の回線サービスが都道府県ノードに
 * 接続されていない場合は、新たに導入作業を行います。…未接続の場合は、接続団体、都道府県及びLGWAN運営主体の三者で
 * 回線サービス接続に係る要件を確認・協議します。」
 */
public record CarrierService(@NotBlank @CliSafe(max = 64) String carrier, @NotBlank @CliSafe(max = 64) String product) {

    public boolean carries(AccessLine line) {
        return carrier.equals(line.carrier()) && product.equals(line.product());
    }
}
