package jp.lgwan.routerconfig.console;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.net.URI;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import jp.lgwan.routerconfig.api.ChangeNotificationResource;
import jp.lgwan.routerconfig.api.EventStreams;
import jp.lgwan.routerconfig.disclosure.GlobalAddresses;
import jp.lgwan.routerconfig.change.Actor;
import jp.lgwan.routerconfig.change.ChangeNotification;
import jp.lgwan.routerconfig.change.ChangeNotificationService;
import jp.lgwan.routerconfig.change.ChangePolicy;
import jp.lgwan.routerconfig.change.ChangeRefused;
import jp.lgwan.routerconfig.change.LineSwitchRecord;
import jp.lgwan.routerconfig.change.LiveInventory;
import jp.lgwan.routerconfig.change.NotificationItem;
import jp.lgwan.routerconfig.change.OutageReason;
import jp.lgwan.routerconfig.change.PlannedOutage;
import jp.lgwan.routerconfig.change.PlannedOutageService;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.rollout.JobLifecycle;
import jp.lgwan.routerconfig.rollout.ServiceDesk;
import jp.lgwan.routerconfig.rollout.WindowStarter;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The operating center's console: server-rendered pages (Qute) at {@code /}, signed in with a form
 * (the API's users and roles; {@code /api} keeps HTTP Basic/OIDC). Every form carries the CSRF token
 * ({@code quarkus-rest-csrf} refuses a form post without it); every action asks the same services as
 * the API, under the same roles, and answers with a redirect to the page it changed (or a page that
 * says why it was refused). Buttons a role may not use are not shown, and refused if posted anyway.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Actor.ENGINEER, Actor.OPERATOR, Actor.VIEWER})
public class ConsoleResource {

    static final String LANGUAGE_COOKIE = "lgwan-lang";
    static final String SESSION_COOKIE = "lgwan-console";
    private static final Set<String> LANGUAGES = Set.of("en", "ja");

    private final SecurityIdentity identity;
    private final ConsoleViews views;
    private final ChangeNotificationService notifications;
    private final PlannedOutageService outages;
    private final WindowStarter starter;
    private final JobLifecycle jobs;
    private final ServiceDesk serviceDesk;
    private final LiveInventory inventory;
    private final GlobalAddresses addresses;
    private final EventStreams streams;
    private final Validator validator;
    private final ChangePolicy policy;

    @CookieParam(LANGUAGE_COOKIE)
    String languageCookie;
    @HeaderParam("Accept-Language")
    String acceptLanguage;

    public ConsoleResource(SecurityIdentity identity, ConsoleViews views, ChangeNotificationService notifications, PlannedOutageService outages,
                           WindowStarter starter, JobLifecycle jobs, ServiceDesk serviceDesk, LiveInventory inventory,
                           GlobalAddresses addresses, EventStreams streams, Validator validator, ChangePolicy policy) {
        this.identity = identity;
        this.views = views;
        this.notifications = notifications;
        this.outages = outages;
        this.starter = starter;
        this.jobs = jobs;
        this.serviceDesk = serviceDesk;
        this.inventory = inventory;
        this.addresses = addresses;
        this.streams = streams;
        this.validator = validator;
        this.policy = policy;
    }

    // ---- who, in which language --------------------------------------------------------------------

    private String language() {
        if (languageCookie != null && LANGUAGES.contains(languageCookie)) {
            return languageCookie;
        }
        if (acceptLanguage != null) {
            for (String range : acceptLanguage.split(",")) {
                String tag = range.split(";")[0].strip().toLowerCase();
                String primary = tag.contains("-") ? tag.substring(0, tag.indexOf('-')) : tag;
                if (LANGUAGES.contains(primary)) {
                    return primary;
                }
            }
        }
        return "ja";
    }

    private Actor actor() {
        return new Actor(identity.getPrincipal().getName(), identity.getRoles());
    }

    private ConsolePage page(String path) {
        if (identity.isAnonymous()) {
            return new ConsolePage("", "", false, false, language(), path);
        }
        Actor actor = actor();
        String role = actor.roles().stream().sorted().findFirst().orElse("");
        return new ConsolePage(actor.name(), role, actor.is(Actor.OPERATOR), actor.is(Actor.ENGINEER), language(), path);
    }

    private static TemplateInstance localized(TemplateInstance instance, ConsolePage page) {
        return instance.setLocale(page.locale());
    }

    private static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }

    /** A refusal of the domain (a move not allowed now, bad input) as a page that says why, with its status. */
    @ServerExceptionMapper
    public Response refused(ChangeRefused e) {
        ConsolePage page = page("");
        return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE)
                .entity(localized(ConsoleTemplates.refused(page, e.status(), e.title(), e.getMessage(), "/"), page).render()).build();
    }

    // ---- signing in and out, language --------------------------------------------------------------

    @GET
    @Path("login")
    @PermitAll
    public TemplateInstance login(@QueryParam("error") String error) {
        ConsolePage page = page("/login");
        return localized(ConsoleTemplates.login(page, error != null), page);
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermitAll
    public Response logout() {
        NewCookie gone = new NewCookie.Builder(SESSION_COOKIE).path("/").maxAge(0).value("").httpOnly(true).build();
        return Response.seeOther(URI.create("/login")).cookie(gone).build();
    }

    /** Switches the language (a cookie for a year) and goes back to the page. */
    @GET
    @Path("lang/{lang}")
    @PermitAll
    public Response language(@PathParam("lang") String lang, @QueryParam("back") String back) {
        if (!LANGUAGES.contains(lang)) {
            throw ChangeRefused.notFound("no language " + lang + " (en, ja)");
        }
        String target = back != null && back.startsWith("/") && !back.startsWith("//") ? back : "/";
        return Response.seeOther(URI.create(target))
                .cookie(new NewCookie.Builder(LANGUAGE_COOKIE).path("/").maxAge(365 * 86400).value(lang).sameSite(NewCookie.SameSite.LAX).build())
                .build();
    }

    // ---- the board ---------------------------------------------------------------------------------

    @GET
    public TemplateInstance board() {
        ConsolePage page = page("/");
        return localized(ConsoleTemplates.board(page, views.board(page.locale())), page);
    }

    /** The board's live events (what {@code /api/board/events} sends), for the signed-in console. */
    @GET
    @Path("board/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> boardEvents(@Context Sse sse) {
        return streams.board(sse);
    }

    @POST
    @Path("notices/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Actor.OPERATOR)
    public Response acknowledge(@PathParam("id") long id, @jakarta.ws.rs.FormParam("note") String note) {
        serviceDesk.acknowledge(id, actor(), plainText(note, "note"));
        return seeOther("/");
    }

    // ---- change notifications ----------------------------------------------------------------------

    @GET
    @Path("notifications/{id}")
    public TemplateInstance notification(@PathParam("id") long id) {
        ConsolePage page = page("/notifications/" + id);
        return localized(ConsoleTemplates.notification(page, views.notification(id, policy.noticeDays())), page);
    }

    @GET
    @Path("file")
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR})
    public TemplateInstance fileForm() {
        ConsolePage page = page("/file");
        List<String> organizations = inventory.current().inventory().organizations().stream().map(o -> o.code() + " " + o.name()).toList();
        List<String> kinds = Arrays.stream(NotificationItem.Kind.values()).map(Enum::name).toList();
        return localized(ConsoleTemplates.file(page, organizations, kinds, views.today()), page);
    }

    @POST
    @Path("notifications")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR})
    public Response file(@jakarta.ws.rs.FormParam("organization_code") String organization, @jakarta.ws.rs.FormParam("item_kind") String kind,
                         @jakarta.ws.rs.FormParam("item_description") String description,
                         @jakarta.ws.rs.FormParam("item_access_line") String accessLine,
                         @jakarta.ws.rs.FormParam("item_bandwidth_mbps") String bandwidth,
                         @jakarta.ws.rs.FormParam("item_termination_device_mode") String deviceMode,
                         @jakarta.ws.rs.FormParam("effective_date") String effectiveDate,
                         @jakarta.ws.rs.FormParam("inventory_revision") String revision,
                         @jakarta.ws.rs.FormParam("emergency_reason") String emergencyReason) {
        Integer mbps = null;
        if (blankToNull(bandwidth) != null) {
            try {
                mbps = Integer.valueOf(bandwidth.strip());
            } catch (NumberFormatException e) {
                throw ChangeRefused.unprocessable("invalid-field", "Invalid field", "item_bandwidth_mbps: must be a whole number of Mbps")
                        .with("field", "item_bandwidth_mbps");
            }
        }
        NotificationItem item = new NotificationItem(enumValue(NotificationItem.Kind.class, kind, "item_kind"), description, blankToNull(accessLine),
                mbps, blankToNull(deviceMode));
        for (ConstraintViolation<NotificationItem> violation : validator.validate(item)) {
            throw ChangeRefused.unprocessable("invalid-field", "Invalid field", "item_" + violation.getPropertyPath() + ": " + violation.getMessage())
                    .with("field", "item_" + violation.getPropertyPath());
        }
        String code = required(organization, "organization_code").split(" ")[0];
        ChangeNotification filed = notifications.file(new ChangeNotificationService.Filing(code, List.of(item),
                date(effectiveDate, "effective_date"), blankToNull(revision), blankToNull(plainText(emergencyReason, "emergency_reason"))), actor());
        return seeOther("/notifications/" + filed.id);
    }

    @POST
    @Path("notifications/{id}/accept")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Actor.OPERATOR)
    @Transactional
    public Response accept(@PathParam("id") long id, @jakarta.ws.rs.FormParam("reason") String reason,
                           @jakarta.ws.rs.FormParam("override_reason") String overrideReason) {
        notifications.accept(id, actor(), blankToNull(plainText(reason, "reason")), blankToNull(plainText(overrideReason, "override_reason")));
        return seeOther("/notifications/" + id);
    }

    @POST
    @Path("notifications/{id}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Actor.OPERATOR)
    @Transactional
    public Response reject(@PathParam("id") long id, @jakarta.ws.rs.FormParam("reason") String reason) {
        notifications.reject(id, actor(), blankToNull(plainText(reason, "reason")));
        return seeOther("/notifications/" + id);
    }

    @POST
    @Path("notifications/{id}/schedule")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Actor.OPERATOR)
    @Transactional
    public Response schedule(@PathParam("id") long id, @jakarta.ws.rs.FormParam("outage_id") String outageId) {
        long outage;
        try {
            outage = Long.parseLong(required(outageId, "outage_id").strip());
        } catch (NumberFormatException e) {
            throw ChangeRefused.unprocessable("invalid-field", "Invalid field", "outage_id must be a window's number, got " + outageId)
                    .with("field", "outage_id");
        }
        notifications.schedule(id, outage, actor());
        return seeOther("/notifications/" + id);
    }

    /**
     * Records a line switch's coordination with the prefecture WAN's operator or its three-party agreement
     * (issue 15, point 3), as {@code POST /api/change-notifications/{id}/line-switch-records} does, its fields
     * checked by the same rules ({@code ChangeNotificationResource.LineSwitchRecording}).
     */
    @POST
    @Path("notifications/{id}/line-switch-records")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR})
    @Transactional
    public Response recordLineSwitch(@PathParam("id") long id, @jakarta.ws.rs.FormParam("kind") String kind,
                                     @jakarta.ws.rs.FormParam("access_line") String accessLine, @jakarta.ws.rs.FormParam("parties") String parties,
                                     @jakarta.ws.rs.FormParam("agreed_on") String agreedOn,
                                     @jakarta.ws.rs.FormParam("document_reference") String documentReference) {
        ChangeNotificationResource.LineSwitchRecording recording = new ChangeNotificationResource.LineSwitchRecording(
                enumValue(LineSwitchRecord.Kind.class, kind, "kind"), blankToNull(accessLine), blankToNull(parties), date(agreedOn, "agreed_on"),
                blankToNull(documentReference));
        for (ConstraintViolation<ChangeNotificationResource.LineSwitchRecording> violation : validator.validate(recording)) {
            String field = violation.getPropertyPath().toString().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
            throw ChangeRefused.unprocessable("invalid-field", "Invalid field", field + ": " + violation.getMessage()).with("field", field);
        }
        notifications.recordLineSwitch(id, recording.kind(), recording.accessLine(), recording.parties(), recording.agreedOn(),
                recording.documentReference(), actor());
        return seeOther("/notifications/" + id);
    }

    // ---- planned outages and their jobs ------------------------------------------------------------

    @POST
    @Path("windows")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR})
    public Response requestWindow(@jakarta.ws.rs.FormParam("routers") String routers, @jakarta.ws.rs.FormParam("window_start") String start,
                                  @jakarta.ws.rs.FormParam("window_end") String end, @jakarta.ws.rs.FormParam("reason") String reason,
                                  @jakarta.ws.rs.FormParam("description") String description) {
        List<String> hostnames = required(routers, "routers").lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        ZoneId zone = policy.zone();
        PlannedOutage outage = outages.request(new PlannedOutageService.Request(hostnames, dateTime(start, "window_start").atZone(zone).toInstant(),
                dateTime(end, "window_end").atZone(zone).toInstant(), enumValue(OutageReason.class, reason, "reason"),
                blankToNull(plainText(description, "description"))), actor());
        return seeOther("/windows/" + outage.id);
    }

    @GET
    @Path("windows/{id}")
    public TemplateInstance window(@PathParam("id") long id) {
        ConsolePage page = page("/windows/" + id);
        return localized(ConsoleTemplates.window(page, views.window(id)), page);
    }

    /** The window's job part alone: what the page swaps in (htmx) when its event stream says something moved. */
    @GET
    @Path("windows/{id}/job")
    public TemplateInstance windowJob(@PathParam("id") long id) {
        ConsolePage page = page("/windows/" + id);
        return localized(ConsoleTemplates.window$job(page, views.window(id)), page);
    }

    /** What an action on a window affects, and a button to do it: approve, cancel, start, halt. */
    @GET
    @Path("windows/{id}/confirm/{action}")
    @RolesAllowed(Actor.OPERATOR)
    public TemplateInstance confirm(@PathParam("id") long id, @PathParam("action") String action) {
        if (!Set.of("approve", "cancel", "start", "halt").contains(action)) {
            throw ChangeRefused.notFound("no action " + action + " on a window (approve, cancel, start, halt)");
        }
        ConsolePage page = page("/windows/" + id);
        return localized(ConsoleTemplates.confirm(page, views.window(id), action), page);
    }

    @POST
    @Path("windows/{id}/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Actor.OPERATOR)
    @Transactional
    public Response approve(@PathParam("id") long id) {
        outages.approve(id, actor());
        return seeOther("/windows/" + id);
    }

    @POST
    @Path("windows/{id}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Actor.OPERATOR)
    @Transactional
    public Response cancel(@PathParam("id") long id, @jakarta.ws.rs.FormParam("reason") String reason) {
        outages.cancel(id, actor(), blankToNull(plainText(reason, "reason")));
        return seeOther("/windows/" + id);
    }

    @POST
    @Path("windows/{id}/start")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Actor.OPERATOR)
    @Transactional
    public Response start(@PathParam("id") long id) {
        starter.openByHand(id, actor());
        return seeOther("/windows/" + id);
    }

    @POST
    @Path("windows/{id}/halt")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Actor.OPERATOR)
    public Response halt(@PathParam("id") long id, @jakarta.ws.rs.FormParam("reason") String reason) {
        ConsoleViews.JobPart job = views.window(id).job();
        if (job == null) {
            throw ChangeRefused.conflict("no-job", "Nothing to halt", "planned outage " + id + " has no job: it has not started");
        }
        jobs.haltByHand(job.id(), actor(), blankToNull(plainText(reason, "reason")));
        return seeOther("/windows/" + id);
    }

    /** A job's live events (what {@code /api/jobs/{id}/events} sends), for the signed-in console. */
    @GET
    @Path("jobs/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    public Multi<OutboundSseEvent> jobEvents(@PathParam("id") long id, @Context Sse sse) {
        return streams.job(id, sse);
    }

    // ---- routers -----------------------------------------------------------------------------------

    @GET
    @Path("routers/{hostname}")
    public TemplateInstance router(@PathParam("hostname") String hostname) {
        ConsolePage page = page("/routers/" + hostname);
        return localized(ConsoleTemplates.router(page, views.router(hostname, null, true)), page);
    }

    /** An operator reads the router's global address with a reason: shown on this answer only, and audited (GlobalAddresses). */
    @POST
    @Path("routers/{hostname}/reveal")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Actor.OPERATOR)
    public TemplateInstance reveal(@PathParam("hostname") String hostname, @jakarta.ws.rs.FormParam("reason") String reason) {
        String address = addresses.read(hostname, actor(), reason, "console");
        ConsolePage page = page("/routers/" + hostname);
        return localized(ConsoleTemplates.router(page, views.router(hostname, address, false)), page);
    }

    // ---- the audit log -----------------------------------------------------------------------------

    @GET
    @Path("audit")
    public TemplateInstance audit(@QueryParam("actor") String actor, @QueryParam("action") String action, @QueryParam("subject") String subject,
                                  @QueryParam("from") String from, @QueryParam("to") String to) {
        ConsolePage page = page("/audit");
        return localized(ConsoleTemplates.audit(page, views.audit(new ConsoleViews.AuditFilter(actor, action, subject, from, to))), page);
    }

    // ---- drift ----------------------------------------------------------------------------------------

    /** The routers whose last backup collection found them drifted from their baseline, or could not check them. */
    @GET
    @Path("drift")
    public TemplateInstance drift() {
        ConsolePage page = page("/drift");
        return localized(ConsoleTemplates.drift(page, views.drift()), page);
    }

    // ---- form fields -------------------------------------------------------------------------------

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ChangeRefused.unprocessable("missing-field", "Missing field", field + " is required").with("field", field);
        }
        return value;
    }

    /** One line of plain text, at most 500 characters (as the API's reasons and notes). */
    private static String plainText(String value, String field) {
        if (value == null) {
            return null;
        }
        if (value.length() > 500 || value.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
            throw ChangeRefused.unprocessable("invalid-field", "Invalid field", field + " must be one line of at most 500 characters")
                    .with("field", field);
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static LocalDate date(String value, String field) {
        try {
            return LocalDate.parse(required(value, field).strip());
        } catch (DateTimeParseException e) {
            throw ChangeRefused.unprocessable("invalid-field", "Invalid date", field + " must be a date such as 2026-04-01, got " + value)
                    .with("field", field);
        }
    }

    private static LocalDateTime dateTime(String value, String field) {
        try {
            return LocalDateTime.parse(required(value, field).strip());
        } catch (DateTimeParseException e) {
            throw ChangeRefused.unprocessable("invalid-field", "Invalid time", field + " must be a Japan time such as 2026-04-01T22:00, got "
                    + value).with("field", field);
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, required(value, field).strip());
        } catch (IllegalArgumentException e) {
            throw ChangeRefused.unprocessable("invalid-field", "Invalid field", field + " must be one of " + Arrays.toString(type.getEnumConstants())
                    + ", got " + value).with("field", field);
        }
    }
}
