// The operations page (docs/observability.md). Plain JavaScript, no build step, no dependencies.
// It reads a manager token from the URL fragment (#token=...&order=<id>) or the paste field, keeps it in
// sessionStorage (this tab only), and calls GET /operations/saga and GET /orders/{id}/events with it.
// Everything the server sends is written as text (textContent), never parsed as HTML.
'use strict';

(() => {
  const TOKEN_KEY = 'store-manager.console.token';
  const REFRESH_MS = 5000;
  const SVG = 'http://www.w3.org/2000/svg';
  // The diagram's lifelines, left to right: the Kafka topic sits between the two services.
  const LANES = [
    { id: 'store-manager', title: 'store-manager', x: 150 },
    { id: 'kafka', title: 'Kafka (saga topic)', x: 450 },
    { id: 'payment', title: 'payment', x: 750 },
  ];
  const WIDTH = 900;
  const HEAD = 60;
  const ROW = 100;

  const view = { order: null, busy: false, again: false };
  const $ = (id) => document.getElementById(id);

  // --- token and fragment ------------------------------------------------------------------------

  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  function storeToken(value) {
    const bare = (value || '').trim().replace(/^Bearer\s+/i, '');
    if (bare) {
      sessionStorage.setItem(TOKEN_KEY, bare);
    }
  }

  /** Takes token= and order= from the fragment; the token then leaves the address bar and history. */
  function readFragment() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ''));
    const order = params.get('order');
    if (params.has('token')) {
      storeToken(params.get('token'));
      history.replaceState(null, '', location.pathname + location.search + (order ? '#order=' + order : ''));
    }
    return order && /^\d+$/.test(order) ? order : null;
  }

  function status(text, state) {
    const line = $('status');
    line.textContent = text;
    line.dataset.state = state;
  }

  // --- HTTP --------------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(message, httpStatus) {
      super(message);
      this.httpStatus = httpStatus;
    }
  }

  /** GET of a JSON endpoint of this Store Manager, with the token; {"error": "..."} becomes an ApiError. */
  async function getJson(path) {
    if (!token()) {
      throw new ApiError('No token: paste a manager token above, or open the page with #token=<JWT>.', 0);
    }
    // Relative to /console/: ../operations/saga is /operations/saga on this server.
    const response = await fetch('../' + path, {
      headers: { Authorization: 'Bearer ' + token(), Accept: 'application/json' },
      cache: 'no-store',
    });
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    if (!response.ok) {
      const reason = body && typeof body.error === 'string' ? body.error : response.statusText;
      throw new ApiError(response.status + ': ' + reason, response.status);
    }
    return body;
  }

  function explain(error) {
    if (error instanceof ApiError && error.httpStatus === 401) {
      return 'The token was refused (' + error.message + '). Paste a fresh manager token.';
    }
    if (error instanceof ApiError && error.httpStatus === 403) {
      return 'This token may not read operations data (' + error.message + '): it needs the manager role.';
    }
    return error.message || String(error);
  }

  // --- small DOM helpers -------------------------------------------------------------------------

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      if (value !== null && value !== undefined) {
        node.setAttribute(name, String(value));
      }
    });
    children.forEach((child) => node.append(child instanceof Node ? child : String(child)));
    return node;
  }

  function svg(tag, attributes, text) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      if (value !== null && value !== undefined) {
        node.setAttribute(name, String(value));
      }
    });
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function stateBadge(state) {
    return el('span', { class: 'state state-' + state, 'data-saga-state': state }, state);
  }

  function show(value, unit) {
    return value === null || value === undefined ? 'unknown' : value + (unit || '');
  }

  /** 2026-12-01T14:00:00.123Z -> 14:00:00.123 (UTC). */
  function clock(instant) {
    if (!instant) {
      return '?';
    }
    const match = /T(\d\d:\d\d:\d\d(?:\.\d{1,3})?)/.exec(instant);
    return match ? match[1] : instant;
  }

  function offset(instant, origin) {
    const ms = Date.parse(instant) - Date.parse(origin);
    return Number.isFinite(ms) ? '+' + (ms / 1000).toFixed(3) + ' s' : '';
  }

  // --- operations --------------------------------------------------------------------------------

  function renderOperations(ops) {
    $('outbox-unsent').textContent = show(ops.outbox_unsent);
    $('outbox-unsent').classList.toggle('alert', ops.outbox_unsent > 0);
    $('outbox-oldest-age').textContent =
      ops.outbox_oldest_unsent_age_seconds === null ? 'none' : ops.outbox_oldest_unsent_age_seconds + ' s';
    $('dead-letters').textContent = show(ops.dead_letters);
    $('dead-letters').classList.toggle('alert', ops.dead_letters > 0);
    $('consumer-lag').textContent = show(ops.consumer_lag);
    $('consumer-lag').classList.toggle('alert', ops.consumer_lag > 0);
    $('consumer-group').textContent = ops.consumer_group;
    $('topic').textContent = ops.topic;
    const problems = [ops.backlog_problem, ops.dead_letters_problem].filter(Boolean);
    $('backlog-meta').textContent =
      'Service ' + ops.service + ' · measured ' + (ops.backlog_refreshed_at ? clock(ops.backlog_refreshed_at) + ' UTC' : 'not yet') +
      ' · dead-lettered by this instance: ' + ops.dead_lettered_here +
      (problems.length ? ' · ' + problems.join('; ') : '');

    const consumers = $('consumers').tBodies[0];
    consumers.replaceChildren(
      ...ops.consumers.map((c) =>
        el('tr', { 'data-member-id': c.member_id },
          el('td', {}, c.client_id || '(no consumer)'),
          el('td', {}, c.host || ''),
          el('td', {}, c.partitions.join(', ')),
          el('td', { class: 'number' }, c.lag))));

    const orders = $('recent-orders').tBodies[0];
    orders.replaceChildren(
      ...ops.recent_orders.map((o) =>
        el('tr', {
          'data-order-id': o.order_id,
          'data-saga-state': o.saga_state,
          class: String(o.order_id) === view.order ? 'selected' : null,
        },
        el('td', {}, el('a', { href: '#order=' + o.order_id, title: 'Show its timeline' }, '#' + o.order_id)),
        el('td', { class: 'number' }, o.user_id),
        el('td', {}, stateBadge(o.saga_state)),
        el('td', { class: 'number' }, Number(o.total_amount).toFixed(2)),
        el('td', {}, o.created_at.replace('T', ' ').replace('Z', '')))));
  }

  // --- the timeline ------------------------------------------------------------------------------

  function laneX(service) {
    const lane = LANES.find((l) => l.id === service);
    return lane ? lane.x : LANES[1].x;
  }

  /** One event: an arrow from its publisher to Kafka, then one from Kafka to each consumer. */
  function drawEvent(event, index, origin) {
    const top = HEAD + index * ROW;
    const kafka = laneX('kafka');
    const from = laneX(event.published_by);
    const group = svg('g', {
      class: 'event by-' + event.published_by,
      id: 'event-' + index,
      'data-event': event.event,
      'data-event-id': event.event_id,
      'data-published-by': event.published_by,
    });
    group.append(svg('title', {}, event.event + ' ' + event.event_id + ', published by ' + event.published_by +
      ' at ' + event.at + (event.sent_at ? ', sent to Kafka at ' + event.sent_at : ', not (known to be) sent')));

    const publish = svg('g', { class: 'publish' });
    const y = top + 26;
    publish.append(
      svg('text', { class: 'event-name', x: (from + kafka) / 2, y: top + 16, 'text-anchor': 'middle' },
        (index + 1) + '. ' + event.event),
      svg('line', { class: 'arrow', x1: from, y1: y, x2: kafka, y2: y, 'marker-end': 'url(#arrowhead)' }),
      svg('text', { class: 'small', x: (from + kafka) / 2, y: y + 16, 'text-anchor': 'middle' },
        clock(event.at) + '  ' + offset(event.at, origin) + (event.sent_at ? '' : '  (not sent)')));
    group.append(publish);

    const y2 = top + 72;
    if (event.consumed_by.length === 0) {
      group.append(svg('text', { class: 'small unconsumed', x: kafka, y: y2, 'text-anchor': 'middle' },
        'not consumed (yet)'));
    }
    event.consumed_by.forEach((c) => {
      const to = laneX(c.service);
      const toward = to < kafka ? -1 : 1;
      const consumption = svg('g', {
        class: 'consumption',
        'data-service': c.service,
        'data-state-after': c.state_after,
      });
      consumption.append(
        svg('line', { class: 'arrow', x1: kafka, y1: y2, x2: to, y2: y2, 'marker-end': 'url(#arrowhead)' }),
        svg('text', {
          class: 'state-after' + (c.state_after ? ' state-after-' + c.state_after : ''),
          x: to - toward * 18, y: y2 - 7, 'text-anchor': toward < 0 ? 'start' : 'end',
        }, c.state_after ? 'state after: ' + c.state_after : 'handled (' + c.service + ')'),
        svg('text', { class: 'small', x: to - toward * 18, y: y2 + 16, 'text-anchor': toward < 0 ? 'start' : 'end' },
          clock(c.at) + '  ' + offset(c.at, origin)));
      group.append(consumption);
    });
    return group;
  }

  function sequenceDiagram(events) {
    const height = HEAD + events.length * ROW + 10;
    const diagram = svg('svg', {
      class: 'sequence',
      id: 'sequence',
      viewBox: '0 0 ' + WIDTH + ' ' + height,
      role: 'img',
      'aria-label': 'Sequence diagram of the order\'s saga events',
    });
    const defs = svg('defs');
    const marker = svg('marker', {
      id: 'arrowhead', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 10, markerHeight: 10,
      markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse',
    });
    marker.append(svg('path', { d: 'M0,0 L10,5 L0,10 z' }));
    defs.append(marker);
    diagram.append(defs);
    LANES.forEach((lane) => {
      const g = svg('g', { class: 'lane lane-' + lane.id, 'data-lane': lane.id });
      g.append(
        svg('line', { class: 'lifeline', x1: lane.x, y1: 36, x2: lane.x, y2: height }),
        svg('rect', { class: 'lane-box', x: lane.x - 85, y: 6, width: 170, height: 30, rx: 6 }),
        svg('text', { class: 'lane-title', x: lane.x, y: 26, 'text-anchor': 'middle' }, lane.title));
      diagram.append(g);
    });
    const origin = events.length ? events[0].at : null;
    events.forEach((event, index) => diagram.append(drawEvent(event, index, origin)));
    return diagram;
  }

  function eventTable(events) {
    return el('table', { id: 'timeline-table' },
      el('caption', {}, 'The same events as a table (times UTC)'),
      el('thead', {}, el('tr', {},
        el('th', {}, '#'), el('th', {}, 'event'), el('th', {}, 'published by'), el('th', {}, 'at'),
        el('th', {}, 'sent to Kafka'), el('th', {}, 'consumed by (state after)'))),
      el('tbody', {}, ...events.map((e, i) =>
        el('tr', { 'data-event': e.event, 'data-event-id': e.event_id },
          el('td', { class: 'number' }, i + 1),
          el('td', { title: e.event_id }, e.event),
          el('td', {}, e.published_by),
          el('td', {}, clock(e.at)),
          el('td', {}, e.sent_at ? clock(e.sent_at) : '–'),
          el('td', {}, e.consumed_by.length === 0 ? 'nobody yet' : e.consumed_by
            .map((c) => c.service + ' ' + clock(c.at) + (c.state_after ? ' → ' + c.state_after : ''))
            .join('; '))))));
  }

  function renderTimeline(t) {
    const box = $('timeline');
    box.dataset.orderId = t.order_id;
    box.dataset.sagaState = t.saga_state;
    box.dataset.complete = String(t.complete);
    const parts = [
      el('p', { class: 'timeline-head' },
        'Order ', el('strong', { id: 'timeline-order' }, '#' + t.order_id), ' · saga state ',
        el('span', { id: 'timeline-saga-state' }, stateBadge(t.saga_state)),
        ' · placed ' + t.created_at.replace('T', ' ').replace('Z', ' UTC') + ' · ' + t.events.length + ' event(s)' +
        ' · records kept ' + t.retention_hours + ' h'),
    ];
    if (!t.complete) {
      parts.push(el('p', { class: 'warning', id: 'timeline-missing' }, 'Incomplete: ' + t.missing));
    }
    if (t.note) {
      parts.push(el('p', { class: 'note', id: 'timeline-note' }, t.note));
    }
    if (t.events.length === 0) {
      parts.push(el('p', { class: 'meta' }, 'No events recorded for this order.'));
    } else {
      parts.push(sequenceDiagram(t.events), eventTable(t.events));
    }
    box.replaceChildren(...parts);
  }

  function markSelected() {
    Array.from($('recent-orders').tBodies[0].rows).forEach((row) =>
      row.classList.toggle('selected', row.dataset.orderId === view.order));
  }

  // --- loading -----------------------------------------------------------------------------------

  /** Reloads the operations data and the open order's timeline; each may fail on its own. */
  async function refresh() {
    if (view.busy) {
      view.again = true; // e.g. an order was opened meanwhile: once more when this round ends
      return;
    }
    if (!token()) {
      status('No token: paste a manager token above, or open the page with #token=<JWT>.', 'error');
      return;
    }
    view.busy = true;
    const problems = [];
    try {
      try {
        renderOperations(await getJson('operations/saga'));
      } catch (error) {
        problems.push(explain(error));
      }
      if (view.order) {
        const order = view.order;
        try {
          renderTimeline(await getJson('orders/' + order + '/events'));
        } catch (error) {
          problems.push(explain(error));
          if (error instanceof ApiError && error.httpStatus === 404) {
            const box = $('timeline');
            box.dataset.orderId = order;
            box.dataset.sagaState = '';
            box.dataset.complete = '';
            box.replaceChildren(el('p', { class: 'warning', id: 'timeline-missing' }, 'Order #' + order + ': ' + error.message));
          }
        }
      }
      if (problems.length) {
        status(problems.join(' '), 'error');
      } else {
        status('Up to date (' + new Date().toISOString().substring(11, 19) + ' UTC).', 'ok');
      }
    } finally {
      view.busy = false;
      if (view.again) {
        view.again = false;
        refresh();
      }
    }
  }

  function openOrder(id) {
    view.order = id;
    $('order-input').value = id || '';
    markSelected();
    refresh();
  }

  document.addEventListener('DOMContentLoaded', () => {
    const order = readFragment();
    $('token-form').addEventListener('submit', (e) => {
      e.preventDefault();
      storeToken($('token-input').value);
      $('token-input').value = '';
      refresh();
    });
    $('token-forget').addEventListener('click', () => {
      sessionStorage.removeItem(TOKEN_KEY);
      status('Token forgotten.', 'idle');
    });
    $('order-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const id = $('order-input').value.trim();
      if (/^\d+$/.test(id)) {
        location.hash = 'order=' + id; // -> hashchange
      }
    });
    window.addEventListener('hashchange', () => openOrder(readFragment()));
    view.order = order;
    $('order-input').value = order || '';
    if (token()) {
      refresh();
    }
    setInterval(() => {
      if (token() && !document.hidden) {
        refresh();
      }
    }, REFRESH_MS);
  });
})();
