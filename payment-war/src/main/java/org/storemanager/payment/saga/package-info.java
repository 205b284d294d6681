/** The payment service's part of the order saga: one class per event it reacts to. */
package org.storemanager.payment.saga;
