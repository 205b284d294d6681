/**
 * The saga's shared machinery (both services use it, see docs/event-contract.md):
 *
 * <ul>
 *   <li>{@link org.storemanager.common.saga.SagaEvent}: the one JSON message type on the topic,
 *       {@link org.storemanager.common.saga.EventType} the values of its {@code event} field;
 *   <li>{@link org.storemanager.common.saga.Outbox}: a handler or command service records the
 *       events it causes in its own JTA transaction;
 *   <li>{@link org.storemanager.common.saga.OutboxRelay}: publishes each outbox row to Kafka right
 *       after its transaction committed, and marks it sent once the broker acknowledged it; an EJB
 *       timer claims the rows an instance left unsent;
 *   <li>{@link org.storemanager.common.saga.SagaEventConsumer} and {@link
 *       org.storemanager.common.saga.SagaEventDispatcher}: read the topic and fire each event to
 *       the CDI observers of this service ({@code @Observes @Saga(EventType.X) SagaEvent}) in one
 *       transaction with the record that makes redelivery harmless.
 *   <li>{@link org.storemanager.common.saga.OrderEventLogReader}, {@link
 *       org.storemanager.common.saga.SagaProgress} and {@link
 *       org.storemanager.common.saga.SagaBacklog}: what the saga's records say about one order (its
 *       event timeline) and how far behind the saga is (outbox backlog, consumer lag), for
 *       operators.
 * </ul>
 */
package org.storemanager.common.saga;
