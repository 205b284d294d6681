/**
 * The Payment service, organised by layer like a Store Manager domain: {@code api} (REST), {@code
 * command} (transactional write side and the simulated card check), {@code saga} (one handler per
 * saga event it reacts to) and {@code model} (JPA entity). It has no read model, so no {@code
 * query}; the build checks the layers (ArchitectureTest).
 */
package org.storemanager.payment;
