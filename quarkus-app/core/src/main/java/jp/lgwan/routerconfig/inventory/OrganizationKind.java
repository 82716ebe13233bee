package jp.lgwan.routerconfig.inventory;

/** What kind of body an organization is; decides which code it carries. */
public enum OrganizationKind {
    /** 都道府県 */
    PREFECTURE(true),
    /** 市町村 (including designated cities, 政令指定都市) */
    MUNICIPALITY(true),
    /** 特別区 (Tokyo's 23 wards) */
    SPECIAL_WARD(true),
    /** 一部事務組合 */
    PARTIAL_AFFAIRS_ASSOCIATION(true),
    /** 広域連合 */
    WIDE_AREA_UNION(true),
    /** 財産区 */
    PROPERTY_WARD(true),
    /** LGWAN運営主体の理事長が承認した組織 */
    APPROVED_ORGANIZATION(false),
    /** LGWAN-ASPホスティングサービス提供者 */
    ASP_HOSTING_PROVIDER(false);

    private final boolean localGovernment;

    OrganizationKind(boolean localGovernment) {
        this.localGovernment = localGovernment;
    }

    /** Whether this kind is a local government (or association) and so has a 地方公共団体コード and an LG.JP domain. */
    public boolean isLocalGovernment() {
        return localGovernment;
    }
}
