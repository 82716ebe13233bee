package jp.lgwan.routerconfig.change;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What a line switch (回線切替え) needs before its notification is accepted, recorded on the notification:
 * who agreed, when, and the document that says so. The source's two cases:
 * <ul>
 * <li>{@link Kind#PREFECTURE_WAN_COORDINATION}: 「都道府県 WAN 利用の場合、…事前に都道府県 WAN の運営主体と調整を行います」 — a
 * prefecture-WAN line's change is coordinated first with that prefecture WAN's operator;</li>
 * <li>{@link Kind#THREE_PARTY_AGREEMENT}: 「切替え先の回線サービスが都道府県ノードに接続されていない場合は、…接続団体、都道府県及び
 * LGWAN運営主体の三者で回線サービス接続に係る要件を確認・協議します」 — a carrier service not yet at the prefecture node
 * needs the organization, the prefecture and the operating body to agree.</li>
 * </ul>
 */
@Entity
@Table(name = "notification_line_switch_record")
public class LineSwitchRecord extends PanacheEntityBase {

    public enum Kind {
        /** 都道府県WAN運営主体との調整. */
        PREFECTURE_WAN_COORDINATION,
        /** 接続団体・都道府県・LGWAN運営主体の三者協議. */
        THREE_PARTY_AGREEMENT
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "notification_id")
    public ChangeNotification notification;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    /** The access line switched (its id at the notification's revision). */
    @Column(name = "access_line", nullable = false)
    public String accessLine;

    /** Who agreed on the other side(s): the prefecture WAN's operator, or the prefecture's and the organization's people. */
    @Column(nullable = false)
    public String parties;

    /** The day the coordination or agreement was reached. */
    @Column(name = "agreed_on", nullable = false)
    public LocalDate agreedOn;

    /** The document that records it (minutes, a letter's number). */
    @Column(name = "document_reference", nullable = false)
    public String documentReference;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
