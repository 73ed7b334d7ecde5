/*
 * The situation picture's map (situation/partner/_picture_map.html): the table of the week's clusters drawn
 * as circles with their counts over the street map (street-map.js builds the base map). Every cluster is a
 * square's middle or a named place's point as the server generalised it; nothing more precise is sent.
 * Without JavaScript or Leaflet the table is the map. No text from the server is inserted as HTML.
 */
(function () {
  "use strict";

  var L = window.L;
  if (!L || !window.framstegStreetMap) return;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function popup(row, data) {
    var wrapper = element("div", "picture-map__popup");
    var events = parseInt(row.dataset.events, 10);
    var label = row.querySelector("[data-cluster-label]");
    wrapper.appendChild(element("strong", "", label ? label.textContent.trim() : ""));
    wrapper.appendChild(element("div", "", events + " " + (events === 1 ? data.textEvent : data.textEvents)));
    var types = row.querySelector("[data-cluster-types]");
    if (types) {
      var list = element("ul", "picture-map__popup-types");
      types.querySelectorAll("li").forEach(function (item) { list.appendChild(element("li", "", item.textContent)); });
      wrapper.appendChild(list);
    }
    return wrapper;
  }

  function draw(source) {
    var figure = source.closest("figure");
    var holder = element("div", "street-map picture-map__map");
    holder.setAttribute("role", "region");
    holder.dir = "ltr";
    source.parentNode.insertBefore(holder, source.nextSibling);
    var built;
    try {
      built = window.framstegStreetMap.build(holder, source, source.dataset.label || "");
    } catch (error) {
      holder.remove();
      return;
    }
    var rows = figure.querySelectorAll("tr[data-cluster]");
    var bounds = [];
    rows.forEach(function (row) {
      var lat = parseFloat(row.dataset.lat), lon = parseFloat(row.dataset.lon);
      var events = parseInt(row.dataset.events, 10) || 0;
      if (!isFinite(lat) || !isFinite(lon) || events < 1) return;
      var crime = parseInt(row.dataset.crime, 10) || 0;
      var size = Math.round(26 + 7 * Math.log(events) / Math.LN2);
      var badge = element("span", "picture-map__count", String(events));
      var icon = L.divIcon({
        html: badge,
        className: "picture-map__cluster " + (crime * 2 >= events ? "is-crime" : "is-insecurity"),
        iconSize: [size, size],
      });
      var label = row.querySelector("[data-cluster-label]");
      L.marker([lat, lon], {
        icon: icon,
        keyboard: true,
        title: (label ? label.textContent.trim() : "") + ": " + events,
        alt: (label ? label.textContent.trim() : "") + ": " + events,
      })
        .bindPopup(popup(row, source.dataset))
        .addTo(built.map);
      bounds.push([lat, lon]);
    });
    if (bounds.length) built.map.fitBounds(L.latLngBounds(bounds).pad(0.3), { maxZoom: 16 });
  }

  document.querySelectorAll("[data-picture-map][data-street-map]").forEach(draw);
})();
