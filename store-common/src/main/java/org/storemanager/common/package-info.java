/**
 * Small pieces both services share: the JSON error contract ({@code {"error": "..."}}), the
 * exceptions application services throw to say which 4xx a request deserves, and the JAX-RS and
 * servlet plumbing that turns every failure into that contract; the saga machinery ({@code saga}:
 * outbox, relay, consumer, dispatcher, inbox) and {@code Idempotency-Key} handling. It knows no
 * service; its packages have no cycles (ArchitectureTest).
 */
package org.storemanager.common;
