/** REST resources of the payment service: validate, convert, call the command service. */
package org.storemanager.payment.api;
