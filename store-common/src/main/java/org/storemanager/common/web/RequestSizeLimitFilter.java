package org.storemanager.common.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses request bodies over 1 MiB with 413, for REST and GraphQL alike: a declared length is
 * checked up front, a chunked body is cut off while it is read.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestSizeLimitFilter implements Filter {

  public static final long MAX_BODY_BYTES = 1024 * 1024;
  private static final String MESSAGE = "Request body exceeds the limit of 1 MiB";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    HttpServletResponse res = (HttpServletResponse) response;
    if (req.getContentLengthLong() > MAX_BODY_BYTES) {
      res.setStatus(413);
      res.setContentType("application/json");
      res.getOutputStream()
          .write(("{\"error\":\"" + MESSAGE + "\"}").getBytes(StandardCharsets.UTF_8));
      return;
    }
    chain.doFilter(new LimitedRequest(req), res);
  }

  /** Thrown while reading a body that turns out to be too large. */
  public static class PayloadTooLargeException extends IOException {
    PayloadTooLargeException() {
      super(MESSAGE);
    }
  }

  private static final class LimitedRequest extends HttpServletRequestWrapper {
    private ServletInputStream limited;

    LimitedRequest(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (limited == null) {
        limited = new LimitedInputStream(super.getInputStream());
      }
      return limited;
    }
  }

  private static final class LimitedInputStream extends ServletInputStream {
    private final ServletInputStream in;
    private long count;

    LimitedInputStream(ServletInputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws PayloadTooLargeException {
      count += n;
      if (count > MAX_BODY_BYTES) {
        throw new PayloadTooLargeException();
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
