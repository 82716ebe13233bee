package jp.lgwan.routerconfig.rollout;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The work of one planned-outage window once it opened: one per window, with a record per router. */
@Entity
@Table(name = "rollout_job")
public class RolloutJob extends PanacheEntityBase {

    /**
     * Where a window's job stands. A job that ran to its end is COMPLETED when every router was
     * verified, COMPLETED_WITH_ROLLBACKS when some were rolled back to their backup (the others
     * verified), COMPLETED_WITH_FAILURES when some ended otherwise unverified (failed, skipped): the
     * window itself worked in all three. HALTED: the window stopped starting routers (the failure
     * threshold, or an operator). FAILED is the window's own failure: its job could not run at all.
     */
    public enum State {
        PENDING, RUNNING, COMPLETED, COMPLETED_WITH_ROLLBACKS, COMPLETED_WITH_FAILURES, HALTED, FAILED;

        /** How a job that ran to its end closes, by its routers' final states. */
        public static State closing(Collection<RolloutJobRouter.State> routers) {
            if (routers.stream().allMatch(RolloutJobRouter.State::verified)) {
                return COMPLETED;
            }
            return routers.stream().allMatch(r -> r.verified() || r == RolloutJobRouter.State.ROLLED_BACK) ? COMPLETED_WITH_ROLLBACKS
                    : COMPLETED_WITH_FAILURES;
        }

        /** Nothing more happens in the job: it is closed or was never able to run. */
        public boolean closed() {
            return this != PENDING && this != RUNNING && this != HALTED;
        }
    }

    /** How the window's work began: on time, late after the service was down at the start, or by an operator's hand. */
    public enum StartKind { SCHEDULED, LATE, MANUAL }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "outage_id", nullable = false)
    public Long outageId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Enumerated(EnumType.STRING)
    @Column(name = "start_kind", nullable = false)
    public StartKind startKind;

    /** The commit the service served when the window opened; each router's own revision is on its record. */
    @Column(name = "inventory_revision")
    public String inventoryRevision;

    @Column(name = "started_by", nullable = false)
    public String startedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "halted_reason")
    public String haltedReason;

    @OneToMany(mappedBy = "job", cascade = CascadeType.ALL, fetch = FetchType.LAZY)
    @OrderBy("hostname")
    public List<RolloutJobRouter> routers = new ArrayList<>();

    @Version
    public int version;
}
