/** JPA entity of the payment service: one payment per order, no card data. */
package org.storemanager.payment.model;
