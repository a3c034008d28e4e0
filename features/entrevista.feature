# language: es
Característica: La entrevista guiada
  Como consultor sentado con el cliente
  quiero que la entrevista pregunte solo lo que todavía importa, me avise de cada riesgo
  que aparece o desaparece, me deje revisar y corregir cualquier respuesta, y guarde todo
  para no perder el tiempo del cliente ni ninguna respuesta.

  Escenario: Sin grandes cadenas no se pregunta por sus aportaciones
    Dado que empiezo una entrevista nueva con la base de prueba
    Cuando respondo «no» a «¿El plan prevé distribución capilar?»
    Y respondo «no» a «¿El plan prevé entrar en grandes cadenas?»
    Entonces nunca se pregunta «¿Qué aportaciones exigen las cadenas?»

  Escenario: Un riesgo se anuncia al aparecer y al retirarse
    Dado que empiezo una entrevista nueva con la base de prueba
    Cuando respondo «sí» a «¿El plan prevé distribución capilar?»
    Y respondo «no» a «¿El plan prevé entrar en grandes cadenas?»
    Y respondo «solo volumen» a «¿Sobre qué se evalúa al personal de ventas?»
    Entonces en pantalla se lee «⚠ Nuevo riesgo (gravedad alta): El personal no se orienta al plan»
    Cuando escribo «atrás»
    Entonces en pantalla se lee «✓ Riesgo retirado: El personal no se orienta al plan»
    Y la siguiente pregunta es «¿Sobre qué se evalúa al personal de ventas?»

  Escenario: Revisar y corregir una respuesta; Intro la mantiene
    Dado que empiezo una entrevista nueva con la base de prueba
    Cuando respondo «sí» a «¿El plan prevé distribución capilar?»
    Y respondo «no» a «¿El plan prevé entrar en grandes cadenas?»
    Y respondo «1» a «¿Sobre qué se evalúa al personal de ventas?»
    Y escribo «revisar»
    Entonces en pantalla se lee «3. ¿Sobre qué se evalúa al personal de ventas? → Los objetivos del plan»
    Cuando escribo «cambiar 1»
    Entonces la siguiente pregunta es «¿El plan prevé distribución capilar?»
    Cuando pulso Intro sin escribir nada
    Entonces en pantalla se lee «Se mantiene la respuesta.»
    Cuando escribo «cambiar 3»
    Y escribo «4»
    Entonces la sesión guardada responde «No hay evaluación formal» a «¿Sobre qué se evalúa al personal de ventas?»

  Escenario: Los números se leen como se escriben en español
    Dado que empiezo una entrevista nueva con la base de prueba
    Cuando respondo «sí» a «¿El plan prevé distribución capilar?»
    Y respondo «no» a «¿El plan prevé entrar en grandes cadenas?»
    Y respondo «1» a «¿Sobre qué se evalúa al personal de ventas?»
    Y respondo «sí» a «¿La evaluación incluye la tasa de distribución?»
    Y respondo «1» a «¿Qué sistemas de gestión están escritos y en uso?»
    Y respondo «1.500» a «¿Cuántos puntos de venta objetivo?»
    Entonces la sesión guardada responde «1.500 puntos de venta» a «¿Cuántos puntos de venta objetivo?»

  Escenario: «No lo sé» deja la respuesta como desconocida y se vuelve a ofrecer al final
    Dado que empiezo una entrevista nueva con la base de prueba
    Cuando respondo «no» a «¿El plan prevé distribución capilar?»
    Y respondo «no» a «¿El plan prevé entrar en grandes cadenas?»
    Y respondo «no lo sé» a «¿Sobre qué se evalúa al personal de ventas?»
    Entonces en pantalla se lee «Queda como desconocida.»
    Y la sesión guardada responde «desconocido» a «¿Sobre qué se evalúa al personal de ventas?»
