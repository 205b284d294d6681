package org.storemanager.payment.command;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.storemanager.common.error.ConflictException;
import org.storemanager.common.error.ResourceNotFoundException;
import org.storemanager.common.error.UnprocessableException;
import org.storemanager.common.saga.EventType;
import org.storemanager.common.saga.Outbox;
import org.storemanager.common.saga.SagaEvent;
import org.storemanager.payment.model.Payment;

/**
 * Creates payments (one per order) and processes them with a simulated card check. Each method is
 * one JTA transaction.
 */
@ApplicationScoped
public class PaymentService {

  /** The configuration key of the payment limit; also named in the error message. */
  public static final String MAX_AMOUNT_KEY = "payment.max-amount";

  private static final String CREATED_HERE = "payment-created:";

  @PersistenceContext EntityManager em;
  @Resource TransactionSynchronizationRegistry transaction;
  @Inject Outbox outbox;

  /**
   * Largest amount a payment may have (default in META-INF/microprofile-config.properties, env
   * PAYMENT_MAX_AMOUNT overrides it). Besides being a business rule, it is the documented,
   * deterministic way to make payment creation fail: the order saga uses an order above it to
   * exercise its compensation.
   */
  @Inject
  @ConfigProperty(name = MAX_AMOUNT_KEY)
  BigDecimal maxAmount;

  /**
   * Whether card numbers must pass the Luhn checksum (env PAYMENT_CARD_LUHN_CHECK). Off by default:
   * the course's test card (9999999999999) fails it, and the processor is simulated anyway.
   */
  @Inject
  @ConfigProperty(name = "payment.card.luhn-check", defaultValue = "false")
  boolean luhnCheck;

  /**
   * Creates the (unpaid) payment of an order. The limit is checked first: it needs no database.
   *
   * @throws UnprocessableException (422) above the payment limit
   * @throws ConflictException (409) if the order already has a payment
   */
  @Transactional
  public long create(long orderId, long userId, BigDecimal totalAmount) {
    refusal(totalAmount)
        .ifPresent(
            reason -> {
              throw new UnprocessableException(reason);
            });
    Optional<Long> existing =
        em.createQuery("select p.id from Payment p where p.orderId = :orderId", Long.class)
            .setParameter("orderId", orderId)
            .getResultStream()
            .findFirst();
    if (existing.isPresent()) {
      throw new ConflictException("Order " + orderId + " already has payment " + existing.get());
    }
    Payment payment = new Payment(orderId, userId, totalAmount);
    em.persist(payment);
    em.flush(); // the unique key on order_id is the arbiter if two requests race past the check
    return payment.getId();
  }

  /** Why a payment of {@code amount} would be refused, if it would be (above the limit). */
  public Optional<String> refusal(BigDecimal amount) {
    if (amount.compareTo(maxAmount) <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        "Amount "
            + amount.toPlainString()
            + " exceeds the payment limit of "
            + maxAmount.toPlainString()
            + " (configuration "
            + MAX_AMOUNT_KEY
            + ")");
  }

  /**
   * The saga's payment of an order, or why there is none ({@link #forSaga}): a refusal to report
   * (PaymentCreationFailed), or {@code closed}: the order was cancelled or deleted before, so no
   * payment is created and nothing is reported (a late or replayed StockDecreased).
   */
  public record SagaPayment(Payment payment, String refusal, boolean closed) {
    SagaPayment(Payment payment, String refusal) {
      this(payment, refusal, false);
    }
  }

  /**
   * The payment of a saga's order: created on first delivery, the same one on any later delivery
   * (the order's unique payment), with one lookup of the order's payment. Refused, and nothing
   * created, above the limit, or if the order id already has a payment of another user or amount
   * (made with {@code POST /payments} for an order id that the Store Manager then gave to another
   * order): that payment is never attached to the wrong order. Nothing is created for an order this
   * service knows was cancelled or deleted ({@link #close}). The payment and that knowledge are
   * read in one statement.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public SagaPayment forSaga(long orderId, long userId, BigDecimal amount, String correlationId) {
    Object[] known =
        (Object[])
            em.createNativeQuery(
                    "select p.id, c.order_id from (select ?1 as order_id) o"
                        + " left join payments p on p.order_id = o.order_id"
                        + " left join closed_orders c on c.order_id = o.order_id")
                .setParameter(1, orderId)
                .getSingleResult();
    if (known[0] == null && known[1] != null) {
      return new SagaPayment(null, null, true);
    }
    Optional<String> overLimit = refusal(amount);
    if (overLimit.isPresent()) {
      return new SagaPayment(null, overLimit.get());
    }
    Optional<Payment> existing =
        known[0] == null
            ? Optional.empty()
            : Optional.ofNullable(em.find(Payment.class, ((Number) known[0]).longValue()));
    if (existing.isPresent()) {
      Payment p = existing.get();
      if (p.getUserId() != userId || p.getTotalAmount().compareTo(amount) != 0) {
        return new SagaPayment(
            null,
            "Order "
                + orderId
                + " already has payment "
                + p.getId()
                + " of another user or amount ("
                + p.getTotalAmount().toPlainString()
                + ")");
      }
      return new SagaPayment(p, null);
    }
    Payment payment = new Payment(orderId, userId, amount, correlationId);
    em.persist(payment);
    em.flush();
    transaction.putResource(CREATED_HERE + orderId, Boolean.TRUE);
    return new SagaPayment(payment, null);
  }

  /**
   * Whether this transaction created the payment of {@code orderId} ({@link #forSaga}): then no
   * outbox row of that order can precede the ones it writes (PaymentOutboxPrecedence).
   */
  public boolean createdHere(long orderId) {
    return transaction.getResource(CREATED_HERE + orderId) != null;
  }

  /** What closing an order did to its payment ({@link #close}). */
  public record Closed(Optional<Payment> payment, boolean refunded) {}

  /**
   * The order was cancelled (the saga deadline) or deleted ({@code event}: OrderCancelled or
   * OrderDeleted): this service remembers it, so that no payment is created for it later, and voids
   * its payment, if it has one, so it can never be paid. A payment that was already paid is
   * refunded, and PaymentRefunded is published in the same transaction. The payment row is locked
   * like in {@link #process}: a payment is either paid before this, and then refunded, or refused
   * after it. So no interleaving of a payment and a cancellation leaves money taken for an order
   * that is gone (issue 29).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Closed close(SagaEvent event, String reason) {
    long orderId = event.orderId();
    em.createNativeQuery(
            "insert into closed_orders (order_id, reason) values (?1, ?2)"
                + " on duplicate key update order_id = order_id")
        .setParameter(1, orderId)
        .setParameter(2, reason.substring(0, Math.min(reason.length(), 500)))
        .executeUpdate();
    Optional<Payment> payment =
        em.createQuery("select p from Payment p where p.orderId = :orderId", Payment.class)
            .setParameter("orderId", orderId)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultStream()
            .findFirst();
    boolean refunded = payment.map(p -> p.voidFor(reason)).orElse(false);
    if (refunded) {
      Payment p = payment.get();
      outbox.add(
          event
              .next(EventType.PaymentRefunded)
              .withPayment(p.getId(), null, true)
              .withError(reason));
    }
    return new Closed(payment, refunded);
  }

  public Optional<Payment> find(long id) {
    return Optional.ofNullable(em.find(Payment.class, id));
  }

  /**
   * Checks the card and marks the payment paid. The card details are only looked at, never kept.
   * Processing a paid payment again changes nothing and answers the same, so a client may safely
   * retry. The row is locked while it is read, so concurrent retries wait for each other instead of
   * failing on the optimistic lock.
   *
   * @throws org.storemanager.common.error.InvalidRequestException (400) for malformed card details
   * @throws UnprocessableException (422) for an expired card
   * @throws ResourceNotFoundException (404) for an unknown payment
   * @throws ConflictException (409) for a voided payment (its order was cancelled or deleted)
   */
  @Transactional
  public Payment process(long id, String cardNumber, String cardCode, String expirationDate) {
    // The request must be valid on its own, whatever state the payment is in: check it first.
    // Card expiry is judged in UTC, the same month boundary for every server.
    CardValidator.check(
        cardNumber, cardCode, expirationDate, YearMonth.now(ZoneOffset.UTC), luhnCheck);
    Payment payment = em.find(Payment.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (payment == null) {
      throw new ResourceNotFoundException("Payment " + id + " does not exist");
    }
    if (payment.isVoided() && !payment.isPaid()) {
      throw new ConflictException(
          "Payment "
              + id
              + " was voided ("
              + payment.getVoidReason()
              + "): it can no longer be paid");
    }
    if (!payment.isPaid()) {
      payment.markPaid();
      // Same transaction: the store learns of the payment (is_paid) through the saga topic.
      outbox.add(
          SagaEvent.of(
                  EventType.PaymentCompleted,
                  payment.getCorrelationId(),
                  payment.getOrderId(),
                  payment.getUserId(),
                  payment.getTotalAmount())
              .withPayment(payment.getId(), null, true));
    }
    return payment;
  }
}
