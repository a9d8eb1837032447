// Stylesheets are not part of a jsdom render.
export default {};
