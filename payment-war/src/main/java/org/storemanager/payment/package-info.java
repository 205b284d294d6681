/**
 * The Payment service, organised by layer like the Store Manager: {@code api} (REST), {@code
 * command} (transactional write side and the simulated card check) and {@code model} (JPA entity).
 */
package org.storemanager.payment;
