/*
 * Street maps (Leaflet) in place of the outline maps, where Leaflet loaded; everything works without them.
 * - The report form's map picker ([data-map-picker][data-street-map]): click or tap places the pin; with the
 *   keyboard the map is focused, the arrow keys move it, + and - zoom, and Enter or Space places the pin at
 *   the cross in the middle. The pin fills the hidden latitude and longitude fields, a live region says what
 *   is chosen, and the open reports near it are listed with links (they are also circles on the map).
 * - The public list's map (figure[data-street-map]): the reports of the page, each linking to its page.
 * Both draw the municipality's statistical areas (coloured by district) and its outline over the tiles, so
 * the map still shows where things are when the tiles cannot be loaded (a note then says so). All settings
 * come from data- attributes; no text from the server is ever inserted as HTML.
 */
(function () {
  "use strict";

  var L = window.L;
  if (!L) return; // Leaflet is missing: the outline maps stay.

  var NEARBY_METRES = 250;
  var DISTRICT_COLOURS = ["#1b5e8c", "#8a3b12", "#2f6b2f", "#6a3d8f", "#8c6d00", "#7a2946", "#3d5a80", "#5c5c5c"];

  function parse(text, fallback) {
    try { return JSON.parse(text || ""); } catch (error) { return fallback; }
  }
  function escapeHTML(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function metres(a, b) {
    var scale = Math.cos((a.lat + b.lat) / 2 * Math.PI / 180);
    return Math.sqrt(Math.pow(a.lat - b.lat, 2) + Math.pow((a.lng - b.lng) * scale, 2)) * 111320;
  }
  function ringContains(ring, lat, lng) {
    var inside = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var yi = ring[i][0], xi = ring[i][1], yj = ring[j][0], xj = ring[j][1];
      if ((yi > lat) !== (yj > lat) && lng < (xj - xi) * (lat - yi) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  }

  // A Leaflet map in `holder`, configured by the data- attributes of `source`, with the outline, the areas
  // and the tiles. Returns the map and the parsed outline and districts.
  function buildMap(holder, source, label) {
    var data = source.dataset;
    var outline = parse(data.outline, []);
    var districts = parse(data.districts, []);
    var map = L.map(holder, { zoomControl: false, keyboard: true, scrollWheelZoom: false, zoomSnap: 0.5 });
    holder.leafletMap = map; // for tests and other scripts on the page
    L.control.zoom({ zoomInTitle: data.textZoomIn, zoomOutTitle: data.textZoomOut }).addTo(map);
    holder.setAttribute("aria-label", label);
    var bounds = L.latLngBounds(outline.length ? outline[0] : [[59.13, 17.7], [59.27, 17.95]]);
    map.fitBounds(bounds);
    map.setMaxBounds(bounds.pad(0.5));
    map.setMinZoom(Math.max(map.getZoom() - 1, 8));

    if (data.tileUrl) {
      var credit = data.attribution ? escapeHTML(data.attribution) : "";
      if (credit && data.attributionUrl) {
        credit = '<a href="' + escapeHTML(data.attributionUrl) + '">' + credit + "</a>";
      }
      var tiles = L.tileLayer(data.tileUrl, {
        maxZoom: parseInt(data.maxZoom, 10) || 19,
        attribution: credit,
        subdomains: "abc",
      });
      var failures = 0, loaded = 0, note = null;
      tiles.on("tileload", function () { loaded += 1; });
      tiles.on("tileerror", function () {
        failures += 1;
        if (note || loaded > failures) return;
        note = element("p", "street-map__note", data.textTilesFailed);
        note.setAttribute("role", "status");
        holder.parentNode.insertBefore(note, holder.nextSibling);
        holder.classList.add("street-map--no-tiles");
      });
      tiles.addTo(map);
    } else {
      holder.classList.add("street-map--no-tiles");
    }

    var colours = {};
    districts.forEach(function (district, index) {
      colours[district.name] = DISTRICT_COLOURS[index % DISTRICT_COLOURS.length];
    });
    if (outline.length) {
      L.polygon(outline, { color: "#1b3a57", weight: 3, fill: false, interactive: false }).addTo(map);
    }
    if (data.areasUrl && window.fetch) {
      fetch(data.areasUrl, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (geojson) {
          if (!geojson) return;
          var layer = L.geoJSON(geojson, {
            interactive: false,
            style: function (feature) {
              var colour = colours[feature.properties.district] || "#5c5c5c";
              return { color: colour, weight: 1, opacity: 0.7, fillColor: colour, fillOpacity: 0.08 };
            },
          });
          layer.addTo(map);
          layer.bringToBack();
        })
        .catch(function () { /* the outline and the district names are enough */ });
    }
    var labels = districts
      .slice()
      .sort(function (a, b) { return b.lat - a.lat; })
      .map(function (district) {
        var marker = L.circleMarker([district.lat, district.lon], {
          radius: 3, color: "#1b3a57", weight: 1, fillColor: "#1b3a57", fillOpacity: 1, interactive: false,
        });
        marker.bindTooltip(element("span", "", district.name), {
          permanent: true, direction: "top", className: "street-map__district", interactive: false,
        });
        marker.addTo(map);
        return marker.getTooltip();
      });
    // District names must not cover each other: each, from the north, takes the first side of its point
    // where it overlaps no name placed before it; a name with no such side waits for a closer zoom.
    function arrangeLabels() {
      var taken = [];
      labels.forEach(function (tooltip) {
        var node = tooltip.getElement();
        if (!node) return;
        node.classList.remove("is-crowded");
        var free = ["top", "bottom", "right", "left"].some(function (direction) {
          tooltip.options.direction = direction;
          tooltip.update();
          var box = node.getBoundingClientRect();
          var overlaps = taken.some(function (other) {
            return box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom;
          });
          if (!overlaps) taken.push(box);
          return !overlaps;
        });
        if (!free) {
          tooltip.options.direction = "top";
          tooltip.update();
          node.classList.add("is-crowded");
        }
      });
    }
    map.on("zoomend", arrangeLabels);
    arrangeLabels();
    return { map: map, outline: outline, districts: districts };
  }

  function reportPopup(report) {
    var wrapper = element("div", "street-map__popup");
    var link = element("a", "", report.reference + ": " + report.title);
    link.href = report.url;
    wrapper.appendChild(link);
    wrapper.appendChild(element("div", "", report.status));
    return wrapper;
  }
  function addReportMarker(map, report) {
    return L.circleMarker([report.lat, report.lon], {
      radius: 7, color: "#ffffff", weight: 2, fillColor: "#b3261e", fillOpacity: 0.95,
    })
      .bindPopup(reportPopup(report))
      .addTo(map);
  }

  function nearestDistrict(districts, point) {
    var best = null, bestDistance = Infinity;
    districts.forEach(function (district) {
      var distance = metres(point, { lat: district.lat, lng: district.lon });
      if (distance < bestDistance) { best = district; bestDistance = distance; }
    });
    return best ? best.name : "";
  }

  // The report form: the street map replaces the outline picker.
  function picker(container) {
    var data = container.dataset;
    var form = container.closest("form");
    var latitudeInput = form.querySelector("input[name='latitude']");
    var longitudeInput = form.querySelector("input[name='longitude']");
    var svg = container.querySelector("svg");
    var help = container.querySelector(".help");
    var status = container.querySelector(".map-picker__status");
    var nearbyBox = container.querySelector(".map-picker__nearby");
    var locateButton = container.querySelector("[data-map-locate]");
    var clearButton = container.querySelector("[data-map-clear]");
    var title = svg.querySelector("title");

    var holder = element("div", "street-map street-map--picker");
    holder.setAttribute("role", "application");
    holder.setAttribute("aria-describedby", help.id);
    holder.dir = "ltr";
    var crosshair = element("div", "street-map__crosshair");
    crosshair.setAttribute("aria-hidden", "true");
    svg.parentNode.insertBefore(holder, svg);
    container.hidden = false; // the map needs its size to fit the municipality in
    svg.classList.add("is-replaced");
    var built;
    try {
      built = buildMap(holder, container, title ? title.textContent : "");
    } catch (error) {
      holder.remove();
      svg.classList.remove("is-replaced");
      container.hidden = true; // report-map.js shows the outline map instead
      return false;
    }
    var map = built.map;
    holder.appendChild(crosshair);
    if (data.textHelpStreet) help.textContent = data.textHelpStreet;

    var pin = null;
    var reports = [];

    function inside(point) {
      if (!built.outline.length) return true;
      return built.outline.some(function (ring) { return ringContains(ring, point.lat, point.lng); });
    }
    function say(template, point) {
      status.textContent = template.replace("{district}", point ? nearestDistrict(built.districts, point) : "");
    }
    function showNearby(point) {
      nearbyBox.textContent = "";
      if (!point) return;
      var near = reports
        .map(function (report) { return { report: report, distance: metres(point, { lat: report.lat, lng: report.lon }) }; })
        .filter(function (item) { return item.distance <= NEARBY_METRES; })
        .sort(function (a, b) { return a.distance - b.distance; })
        .slice(0, 5);
      if (!near.length) return;
      nearbyBox.appendChild(element("p", "map-picker__nearby-title", data.textNearby));
      var list = element("ul", "map-picker__nearby-list");
      near.forEach(function (item) {
        var entry = element("li");
        var link = element("a", "", item.report.reference + ": " + item.report.title);
        link.href = item.report.url;
        entry.appendChild(link);
        entry.appendChild(document.createTextNode(" – " + item.report.status));
        list.appendChild(entry);
      });
      nearbyBox.appendChild(list);
    }
    function place(point, template) {
      if (!inside(point)) {
        say(data.textOutside);
        return false;
      }
      latitudeInput.value = point.lat.toFixed(6);
      longitudeInput.value = point.lng.toFixed(6);
      if (pin) pin.setLatLng(point);
      else pin = L.marker(point, { keyboard: false, interactive: false, alt: "" }).addTo(map);
      clearButton.hidden = false;
      say(template || data.textPlaced, point);
      showNearby(point);
      return true;
    }
    function clear() {
      latitudeInput.value = "";
      longitudeInput.value = "";
      if (pin) { pin.remove(); pin = null; }
      clearButton.hidden = true;
      nearbyBox.textContent = "";
      say(data.textRemoved);
      holder.focus();
    }

    map.on("click", function (event) { place(event.latlng); });
    holder.addEventListener("keydown", function (event) {
      if (event.target !== holder) return; // keys on the zoom buttons and links are theirs
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        place(map.getCenter());
      }
    });
    map.on("moveend", function () {
      if (document.activeElement !== holder) return;
      var centre = map.getCenter();
      if (inside(centre)) say(data.textCursor, centre);
      else say(data.textCursorOutside);
    });
    clearButton.addEventListener("click", clear);

    if (navigator.geolocation) {
      locateButton.hidden = false;
      locateButton.addEventListener("click", function () {
        say(data.textLocating);
        navigator.geolocation.getCurrentPosition(
          function (found) {
            var point = L.latLng(found.coords.latitude, found.coords.longitude);
            if (!inside(point)) { say(data.textLocateOutside); return; }
            map.setView(point, Math.max(map.getZoom(), 16));
            place(point);
          },
          function (error) { say(error.code === 1 ? data.textDenied : data.textFailed); },
          { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
        );
      });
    }

    if (data.openUrl && window.fetch) {
      fetch(data.openUrl, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (geojson) {
          if (!geojson) return;
          reports = geojson.features.map(function (feature) {
            var properties = feature.properties;
            return {
              reference: properties.reference, title: properties.title, status: properties.status,
              url: properties.url, lat: feature.geometry.coordinates[1], lon: feature.geometry.coordinates[0],
            };
          });
          reports.forEach(function (report) { addReportMarker(map, report); });
          if (pin) showNearby(pin.getLatLng());
        })
        .catch(function () { /* without them the form works as before */ });
    }

    container.dataset.streetMapActive = "true";
    var latitude = parseFloat(latitudeInput.value), longitude = parseFloat(longitudeInput.value);
    if (isFinite(latitude) && isFinite(longitude)) {
      var start = L.latLng(latitude, longitude);
      if (place(start, data.textChosen)) map.setView(start, Math.max(map.getZoom(), 15));
      else { latitudeInput.value = ""; longitudeInput.value = ""; }
    }
    return true;
  }

  // The public list: the page's reports on the street map.
  function reportsMap(figure) {
    var svg = figure.querySelector("svg");
    var title = svg.querySelector("title");
    var holder = element("div", "street-map street-map--reports");
    holder.setAttribute("role", "region");
    holder.dir = "ltr";
    svg.parentNode.insertBefore(holder, svg);
    svg.classList.add("is-replaced");
    var built;
    try {
      built = buildMap(holder, figure, title ? title.textContent : "");
    } catch (error) {
      holder.remove();
      svg.classList.remove("is-replaced");
      return;
    }
    figure.querySelectorAll("[data-outline-only]").forEach(function (node) { node.hidden = true; });
    figure.querySelectorAll("[data-street-map-only]").forEach(function (node) { node.hidden = false; });
    figure.querySelectorAll("a[data-lat]").forEach(function (link) {
      var lat = parseFloat(link.dataset.lat), lon = parseFloat(link.dataset.lon);
      if (!isFinite(lat) || !isFinite(lon)) return;
      addReportMarker(built.map, {
        reference: link.dataset.reference, title: link.dataset.title, status: link.dataset.status,
        url: link.getAttribute("href"), lat: lat, lon: lon,
      });
    });
  }

  // Other maps (the situation picture's) build on the same base map.
  window.framstegStreetMap = { build: buildMap };

  document.querySelectorAll("[data-map-picker][data-street-map]").forEach(picker);
  document.querySelectorAll("figure[data-street-map]").forEach(reportsMap);
})();
